using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms.Resilience;
using OrderSync.Core.Platforms.Shopify;
using Polly.CircuitBreaker;
using Polly.Timeout;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Resilience;

/// <summary>
/// The per-platform resilience pipeline against a tiny loopback server that answers from a script.
/// Assertions are on what the server saw (attempt counts) and on the outcome, never on elapsed time.
/// </summary>
[TestClass]
public sealed class ResilienceTests
{
    private static WebApplication _server = null!;
    private static Uri _base = null!;
    private static readonly ConcurrentDictionary<string, Script> Scripts = new();

    /// <summary>What the server answers for one path: the n-th reply by attempt number (the last one repeats), and how many attempts it saw.</summary>
    private sealed class Script(params Func<HttpContext, Task>[] replies)
    {
        private int _attempts;
        public int Attempts => Volatile.Read(ref _attempts);
        public Func<HttpContext, Task>[] Replies { get; set; } = replies;
        public Task Answer(HttpContext context)
        {
            var n = Interlocked.Increment(ref _attempts);
            var replies = Replies;
            return replies[Math.Min(n, replies.Length) - 1](context);
        }
    }

    private static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    };

    private static Func<HttpContext, Task> Json(string body) => context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    };

    private static Func<HttpContext, Task> Slow(TimeSpan delay) => async context =>
    {
        try { await Task.Delay(delay, context.RequestAborted); } catch (OperationCanceledException) { return; }
        context.Response.StatusCode = 200;
    };

    [ClassInitialize]
    public static async Task StartServerAsync(TestContext _)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Run(context => Scripts.TryGetValue(context.Request.Path.Value!.Trim('/').Split('/')[0], out var script)
            ? script.Answer(context)
            : Status(404)(context));
        await _server.StartAsync();
        _base = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    [ClassCleanup]
    public static async Task StopServerAsync() => await _server.DisposeAsync();

    private static (HttpClient Client, Script Script) Setup(Platform platform, Script script, params (string Key, string Value)[] settings)
    {
        var path = Guid.NewGuid().ToString("N");
        Scripts[path] = script;
        var defaults = new Dictionary<string, string?>
        {
            [$"OrderSync:Resilience:{platform}:AttemptTimeout"] = "00:00:00.300",
            [$"OrderSync:Resilience:{platform}:MaxRetries"] = "2",
            [$"OrderSync:Resilience:{platform}:BaseDelay"] = "00:00:00.010",
            [$"OrderSync:Resilience:{platform}:MaxRetryDelay"] = "00:00:02",
            [$"OrderSync:Resilience:{platform}:BreakerMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in settings) defaults[$"OrderSync:Resilience:{platform}:{key}"] = value;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(defaults).Build());
        services.AddHttpClient("under-test", http => http.BaseAddress = new Uri(_base, path)).AddOrderSyncResilience(platform);
        var client = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("under-test");
        return (client, script);
    }

    private static (ShopifyGraphQlClient Client, ShopifyStore Store) ShopifyClient(Script script, params (string Key, string Value)[] settings)
    {
        var path = Guid.NewGuid().ToString("N");
        Scripts[path] = script;
        var values = new Dictionary<string, string?>
        {
            ["OrderSync:Resilience:Shopify:MaxRetries"] = "2",
            ["OrderSync:Resilience:Shopify:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings) values[$"OrderSync:Resilience:Shopify:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new ShopifyOptions()));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient<ShopifyGraphQlClient>().AddOrderSyncResilience(Platform.Shopify, configuration);
        var client = services.BuildServiceProvider().GetRequiredService<ShopifyGraphQlClient>();
        return (client, new ShopifyStore("vendor.myshopify.com", new Uri(_base, path + "/"), "shpat_test"));
    }

    [TestMethod]
    public async Task The_Shopify_client_rides_out_a_429_with_Retry_After_and_answers_the_data()
    {
        var script = new Script(Status(429, "1"), Json("{\"data\":{\"shop\":{\"name\":\"Vendor\"}}}"));
        var (client, store) = ShopifyClient(script);

        var data = await client.ExecuteAsync(store, "query { shop { name } }", [], CancellationToken.None);

        Assert.AreEqual("Vendor", data.GetProperty("shop").GetProperty("name").GetString());
        Assert.AreEqual(2, script.Attempts);
    }

    [TestMethod]
    public async Task The_Shopify_client_reports_an_open_breaker_as_a_transient_failure_without_calling_the_store()
    {
        var script = new Script(Status(503));
        var (client, store) = ShopifyClient(script, ("MaxRetries", "0"), ("BreakerMinimumThroughput", "2"), ("BreakDuration", "00:01:00"));

        for (var i = 0; i < 2; i++)
        {
            var failed = await Assert.ThrowsExactlyAsync<PlatformException>(() => client.ExecuteAsync(store, "mutation { x }", [], CancellationToken.None));
            Assert.AreEqual(FailureKind.Transient, failed.Kind);
        }
        var open = await Assert.ThrowsExactlyAsync<PlatformException>(() => client.ExecuteAsync(store, "mutation { x }", [], CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, open.Kind);
        StringAssert.Contains(open.Reason, "circuit breaker");
        Assert.AreEqual(2, script.Attempts);
    }

    private static HttpRequestMessage Post(HttpClient client) => new(HttpMethod.Post, client.BaseAddress) { Content = new StringContent("{}") };

    [TestMethod]
    public async Task A_429_with_a_short_Retry_After_is_retried_and_the_next_answer_is_returned()
    {
        var (client, script) = Setup(Platform.PayPal, new Script(Status(429, "1"), Status(200)));

        using var response = await client.SendAsync(Post(client)); // a POST: a 429 means it was not applied

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(2, script.Attempts);
    }

    [TestMethod]
    public async Task A_Retry_After_longer_than_the_cap_is_not_waited_for_here_but_handed_to_the_durable_retry()
    {
        var (client, script) = Setup(Platform.Stripe, new Script(Status(429, "120"), Status(200)));

        using var response = await client.GetAsync("");

        Assert.AreEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.AreEqual(1, script.Attempts);
        var failure = HttpFailure.Classify("Stripe", response, DateTimeOffset.UtcNow);
        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(120), failure.RetryAfter);
    }

    [TestMethod]
    public async Task A_503_on_an_idempotent_request_is_retried_up_to_the_budget_then_returned()
    {
        var (client, script) = Setup(Platform.ShipHero, new Script(Status(503)));

        using var response = await client.GetAsync("");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.AreEqual(3, script.Attempts); // first attempt + MaxRetries 2
    }

    [TestMethod]
    public async Task A_503_on_a_POST_is_not_retried_because_it_may_have_been_applied()
    {
        var (client, script) = Setup(Platform.PayPal, new Script(Status(503), Status(200)));

        using var response = await client.SendAsync(Post(client));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.AreEqual(1, script.Attempts);
    }

    [TestMethod]
    public async Task A_POST_the_caller_marks_idempotent_is_retried_on_503()
    {
        var (client, script) = Setup(Platform.Shopify, new Script(Status(503), Status(503), Status(200)));

        using var response = await client.SendAsync(Post(client).MarkIdempotent());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(3, script.Attempts);
    }

    [TestMethod]
    [DataRow(Platform.Stripe, 2)]
    [DataRow(Platform.HttpVendor, 1)]
    public async Task A_POST_with_an_Idempotency_Key_is_retried_on_503_only_where_the_platform_replays_it(Platform platform, int attempts)
    {
        var (client, script) = Setup(platform, new Script(Status(503), Status(200)));
        var post = Post(client);
        post.Headers.Add("Idempotency-Key", "command-1");

        using var response = await client.SendAsync(post);

        Assert.AreEqual(attempts, script.Attempts);
    }

    [TestMethod]
    public async Task A_client_error_is_never_retried()
    {
        var (client, script) = Setup(Platform.HttpVendor, new Script(Status(400), Status(200)));

        using var response = await client.GetAsync("");

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(1, script.Attempts);
    }

    [TestMethod]
    public async Task A_slow_reply_times_out_per_attempt_and_is_retried_when_idempotent()
    {
        var (client, script) = Setup(Platform.Stripe, new Script(Slow(TimeSpan.FromSeconds(30))));

        var e = await Assert.ThrowsExactlyAsync<TimeoutRejectedException>(() => client.GetAsync(""));

        Assert.AreEqual(3, script.Attempts);
        var failure = OrderSyncResilience.Classify("Stripe", e);
        Assert.IsNotNull(failure);
        Assert.AreEqual(FailureKind.Transient, failure.Kind);
    }

    [TestMethod]
    public async Task A_slow_reply_to_a_POST_times_out_once_and_is_not_sent_again()
    {
        var (client, script) = Setup(Platform.PayPal, new Script(Slow(TimeSpan.FromSeconds(30)), Status(200)));

        await Assert.ThrowsExactlyAsync<TimeoutRejectedException>(() => client.SendAsync(Post(client)));

        Assert.AreEqual(1, script.Attempts);
    }

    [TestMethod]
    public async Task Repeated_503s_open_the_breaker_which_stops_calls_then_lets_one_probe_through_after_the_break()
    {
        var (client, script) = Setup(Platform.PayPal, new Script(Status(503)),
            ("MaxRetries", "0"), ("BreakerMinimumThroughput", "2"), ("BreakerFailureRatio", "0.5"), ("BreakDuration", "00:00:00.500"));

        for (var i = 0; i < 2; i++)
        {
            using var failed = await client.GetAsync("");
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }
        var open = await Assert.ThrowsExactlyAsync<BrokenCircuitException>(() => client.GetAsync(""));
        Assert.AreEqual(2, script.Attempts, "an open breaker sends nothing");
        Assert.AreEqual(FailureKind.Transient, OrderSyncResilience.Classify("PayPal", open)!.Kind);

        script.Replies = [Status(200)];
        await Eventually.GetAsync(async () =>
        {
            try { using var probe = await client.GetAsync(""); return probe.StatusCode == HttpStatusCode.OK; }
            catch (BrokenCircuitException) { return false; }
        }, ok => ok, "the breaker to let a probe through after its break");
        Assert.AreEqual(3, script.Attempts, "half-open lets exactly one probe through");
        using var closed = await client.GetAsync("");
        Assert.AreEqual(HttpStatusCode.OK, closed.StatusCode);
        Assert.AreEqual(4, script.Attempts);
    }

    [TestMethod]
    public void Each_platform_reads_its_own_section_and_a_bad_setting_fails_validation_with_its_name()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderSync:Resilience:PayPal:MaxRetries"] = "4",
            ["OrderSync:Resilience:Stripe:MaxRetries"] = "-1",
        }).Build());
        services.AddHttpClient("paypal").AddOrderSyncResilience(Platform.PayPal);
        services.AddHttpClient("stripe").AddOrderSyncResilience(Platform.Stripe);
        var options = services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<PlatformResilienceOptions>>();

        Assert.AreEqual(4, options.Get("PayPal").MaxRetries);
        var e = Assert.ThrowsExactly<OptionsValidationException>(() => options.Get("Stripe"));
        StringAssert.Contains(e.Message, "MaxRetries");
    }
}
