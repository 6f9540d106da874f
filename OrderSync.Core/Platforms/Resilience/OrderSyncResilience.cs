// Resilience for OrderSync's HttpClients, built on Microsoft.Extensions.Http.Resilience (AddResilienceHandler over Polly v8).
// Why this and not Polly alone: the handler plugs into IHttpClientFactory (one line per client registration), builds the
// pipeline once per named client (and, with SelectPipelineByAuthority, once per host), gives Polly's HTTP-aware options
// (HttpRetryStrategyOptions reads Retry-After; HttpClientResiliencePredicates knows 408/429/5xx/HttpRequestException/
// TimeoutRejectedException) and emits Polly's metrics — learn.microsoft.com/dotnet/core/resilience/http-resilience.
// Order of strategies (outermost first): retry → circuit breaker → per-attempt timeout, as in the library's standard
// pipeline, so each attempt has its own timeout and every attempt is counted by the breaker.
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrderSync.Core.Platforms.Resilience;

public static class OrderSyncResilience
{
    /// <summary>Marks a request as safe to send twice (e.g. a GraphQL query, or a POST carrying an idempotency key the server honours).</summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("OrderSync.Idempotent");

    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(IdempotentKey, true);
        return request;
    }

    public static string PipelineName(Platform platform) => $"OrderSync.{platform}";

    /// <summary>
    /// The header with which a platform replays the first result of a request to every repeat of it, so a request that
    /// carries it may be sent again whatever happened to the first. Stripe: "All POST requests accept idempotency keys",
    /// and Stripe.net puts one on every POST (docs.stripe.com/api/idempotent_requests). Not PayPal-Request-Id: "not all
    /// APIs support this header" (developer.paypal.com/api/rest/reference/idempotency), and PayPal documents it on create
    /// and capture, not on the tracking endpoints (see PayPalTracking), which check for an existing tracker instead.
    /// </summary>
    public static string? IdempotencyHeader(Platform platform) => platform == Platform.Stripe ? "Idempotency-Key" : null;

    /// <summary>
    /// Adds the platform's resilience pipeline to an HttpClient, with options from "OrderSync:Resilience:{platform}"
    /// (validated at start-up). Call it on any client registration: <c>services.AddHttpClient&lt;X&gt;().AddOrderSyncResilience(Platform.PayPal)</c>.
    /// Shopify and HTTP vendors get one breaker per host (one store or vendor down must not stop the others);
    /// PayPal, Stripe and ShipHero have one host each, so one breaker per client.
    /// </summary>
    /// <param name="configuration">Where the settings are; when null, the <see cref="IConfiguration"/> registered in the container.</param>
    public static IHttpClientBuilder AddOrderSyncResilience(this IHttpClientBuilder builder, Platform platform, IConfiguration? configuration = null)
    {
        builder.Services.AddOrderSyncResilienceOptions(platform, configuration);
        return builder.AddOrderSyncResilienceHandler(platform);
    }

    /// <summary>
    /// The platform's resilience options alone, bound and validated once; then <see cref="AddOrderSyncResilienceHandler"/> on
    /// each of the platform's clients (as <see cref="AddOrderSyncResilience"/> does for a platform with one client).
    /// </summary>
    public static IServiceCollection AddOrderSyncResilienceOptions(this IServiceCollection services, Platform platform, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<PlatformResilienceOptions>(platform.ToString());
        options = configuration is null
            ? options.BindConfiguration(PlatformResilienceOptions.Section(platform))
            : options.Bind(configuration.GetSection(PlatformResilienceOptions.Section(platform)));
        options
            .ValidateDataAnnotations()
            .Validate(o => o.BaseDelay <= o.MaxRetryDelay,
                $"{PlatformResilienceOptions.Section(platform)}:BaseDelay must not be longer than MaxRetryDelay.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The platform's resilience pipeline on a client, with the options <see cref="AddOrderSyncResilienceOptions"/> registered.</summary>
    public static IHttpClientBuilder AddOrderSyncResilienceHandler(this IHttpClientBuilder builder, Platform platform)
    {
        var name = platform.ToString();
        var pipeline = builder.AddResilienceHandler(PipelineName(platform), (pipe, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>().Get(name);
            Configure(pipe, settings, IdempotencyHeader(platform));
        });
        if (platform is Platform.Shopify or Platform.HttpVendor) pipeline.SelectPipelineByAuthority();
        return builder;
    }

    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipe, PlatformResilienceOptions options, string? idempotencyHeader)
    {
        pipe.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1), // Polly requires ≥ 1; MaxRetries = 0 is enforced in ShouldHandle
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldRetryAfterHeader = true, // the delay is the answer's Retry-After when it sends one
            ShouldHandle = args => ValueTask.FromResult(
                args.AttemptNumber < options.MaxRetries && ShouldRetry(args.Outcome, args.Context, options.MaxRetryDelay, idempotencyHeader)),
        });
        pipe.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
        });
        pipe.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// Retry only what is safe to send again:
    /// - any method, when the request certainly did not run: 429 (the platform refused it) or a connection that was never made;
    /// - idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE — RFC 9110 §9.2.2), a request marked idempotent or one carrying
    ///   the platform's <see cref="IdempotencyHeader"/>, also on 408, 5xx, a timeout or a broken connection.
    /// A POST/PATCH that timed out or got a 5xx may have been applied (an order created, a tracker added); sending it
    /// again could double it, so it goes back to the caller, whose idempotency check (tag, existing trackers) decides.
    /// Never when Retry-After asks for longer than <paramref name="maxDelay"/>: that wait belongs to the durable retry.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxDelay, string? idempotencyHeader)
    {
        var request = context.GetRequestMessage();
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            var transient = status is 408 or 429 or >= 500;
            if (!transient) return false;
            if (HttpFailure.RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow) is { } wait && wait > maxDelay) return false;
            return status == 429 || IsIdempotent(request, idempotencyHeader);
        }
        return outcome.Exception switch
        {
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => true,
            HttpRequestException or TimeoutRejectedException => IsIdempotent(request, idempotencyHeader),
            _ => false,
        };
    }

    internal static bool IsIdempotent(HttpRequestMessage? request, string? idempotencyHeader)
    {
        if (request is null) return false;
        if (request.Options.TryGetValue(IdempotentKey, out var marked) && marked) return true;
        if (idempotencyHeader is not null && request.Headers.Contains(idempotencyHeader)) return true;
        var m = request.Method;
        return m == HttpMethod.Get || m == HttpMethod.Head || m == HttpMethod.Options || m == HttpMethod.Put || m == HttpMethod.Delete;
    }

    /// <summary>
    /// Turns what the pipeline throws into OrderSync's classification: an open breaker or an attempt timeout is transient.
    /// Platform clients call this in their catch: <c>catch (Exception e) when (OrderSyncResilience.Classify(name, e) is { } f) throw f;</c>
    /// </summary>
    public static PlatformException? Classify(string platform, Exception exception) => exception switch
    {
        BrokenCircuitException e => PlatformException.Transient($"{platform} is failing: its circuit breaker is open; calls resume after the break", inner: e),
        TimeoutRejectedException e => PlatformException.Transient($"{platform} did not answer in time", inner: e),
        _ => null,
    };
}
