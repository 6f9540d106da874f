// Sets the shipping carrier and tracking number(s) on a Stripe PaymentIntent, with Stripe.net 53.1.0.
// Sources (stripe/stripe-dotnet, src/Stripe.net/…; signatures checked against the 53.1.0 package's Stripe.net.xml, and the
// behaviour below is exercised over loopback by OrderSync.Tests/Integration/Stripe):
// - Infrastructure/Public/StripeClient.cs: StripeClient(apiKey, clientId, httpClient, apiBase, …); DefaultApiBase
//   "https://api.stripe.com". Infrastructure/Public/StripeRequest.cs: BuildUri appends the path ("/v1/…") to ApiBase as
//   text (so ApiBase carries no trailing slash); "Authorization: Bearer {apiKey}"; headers Stripe-Version (the pinned
//   StripeConfiguration.ApiVersion) and Idempotency-Key (RequestOptions.IdempotencyKey, else a random GUID on every POST);
//   a POST body is application/x-www-form-urlencoded (shipping[name]=…&shipping[address][line1]=…).
// - Services/PaymentIntents/PaymentIntentService.cs: GetAsync(id, options, requestOptions, ct), UpdateAsync(id,
//   PaymentIntentUpdateOptions, RequestOptions, ct); PaymentIntentUpdateOptions.Shipping is ChargeShippingOptions
//   (Services/Charges/ChargeShippingOptions.cs) {Name, Address (AddressOptions), Carrier, TrackingNumber, Phone}; "If multiple tracking numbers were generated for
//   this purchase, please separate them with commas" (ChargeShippingOptions.TrackingNumber doc).
// - Infrastructure/Public/LiveApiRequestor.cs: any non-200 answer becomes StripeException {HttpStatusCode, StripeError
//   (from the body's "error": type, code, message, param), StripeResponse (headers)}; a body that is not JSON, or has no
//   "error", becomes StripeException with StripeError null ("Invalid response object from API").
// - Infrastructure/Public/SystemNetHttpClient.cs: MaxNetworkRetries (default 2) retries connection errors, timeouts,
//   409, 5xx and whatever "Stripe-Should-Retry: true" marks, sleeping 0.5–5 s with jitter, ignoring Retry-After; a
//   connection error or timeout surfaces as HttpRequestException / OperationCanceledException, not StripeException.
//   OrderSync turns these retries off (maxNetworkRetries: 0): the HttpClient it is given runs the "Stripe" resilience
//   pipeline (OrderSync:Resilience:Stripe: a few quick retries that honour Retry-After, bounded by MaxRetryDelay, and a
//   circuit breaker), and the lifecycle's durable retry sees whatever is left. Any other exception (the pipeline's
//   BrokenCircuitException, TimeoutRejectedException) passes through SystemNetHttpClient unchanged.
// Stripe's API: idempotency keys are up to 255 characters and may be pruned after 24 h; a saved result is replayed to the
// same key with the same parameters, an error answers different ones (docs.stripe.com/idempotency); 429 when rate limited
// (docs.stripe.com/rate-limits); errors {"error": {type, code, message, param}} with type api_error, card_error,
// idempotency_error, invalid_request_error (docs.stripe.com/api/errors).
using System.Net;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms.Resilience;
using OrderAddress = OrderSync.Core.Orders.Address;
using StripeApi = global::Stripe;

namespace OrderSync.Core.Platforms.Stripe;

/// <summary>What to put on a PaymentIntent: the order's shipping address, the carrier and the shipment's tracking numbers.</summary>
/// <param name="Replaces">Numbers this shipment was reported with before a correction: they are taken off, not kept beside the new ones.</param>
/// <param name="Keeps">
/// The numbers the PaymentIntent is to keep beside these (the order's other shipments), when OrderSync knows them and this is
/// the command's first run: then nothing is read first. Null: the PaymentIntent is read, and what it holds is kept.
/// </param>
public sealed record StripeTrackingUpdate(
    string PaymentIntentId, OrderAddress ShipTo, string? Carrier, IReadOnlyList<string> TrackingNumbers, IReadOnlyList<string>? Replaces = null,
    IReadOnlyList<string>? Keeps = null);

public enum StripeTrackingOutcome
{
    /// <summary>The PaymentIntent was updated.</summary>
    Written,

    /// <summary>The PaymentIntent already carried every tracking number: nothing was written.</summary>
    AlreadyPresent,
}

/// <summary>
/// Sets tracking on a Stripe PaymentIntent. Unless told what to keep (<see cref="StripeTrackingUpdate.Keeps"/>, a first run),
/// reads the PaymentIntent first and writes nothing when its shipping already carries the tracking number(s) — so a retry
/// after Stripe pruned the idempotency key (24 h) still writes nothing twice. Tracking numbers already on the PaymentIntent
/// (an earlier shipment of the order), or those to keep, are kept: the new ones are added after them; a correction's
/// <see cref="StripeTrackingUpdate.Replaces"/> are taken off. A first run writes the list whole, so a number put on the
/// PaymentIntent by something other than OrderSync is not kept.
/// Every failure is a classified <see cref="PlatformException"/>.
/// </summary>
public sealed class StripeShipping
{
    private const string Platform = "Stripe";
    public const int MaxIdempotencyKeyLength = 255;
    private readonly StripeApi.PaymentIntentService? _paymentIntents;
    private readonly TimeProvider _time;

    public StripeShipping(HttpClient http, IOptions<StripeOptions> options, TimeProvider time)
    {
        _time = time;
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ApiKey)) return;
        var client = new StripeApi.StripeClient(
            settings.ApiKey,
            httpClient: new StripeApi.SystemNetHttpClient(http, maxNetworkRetries: 0, enableTelemetry: false),
            apiBase: settings.ApiBase.GetLeftPart(UriPartial.Authority));
        _paymentIntents = new StripeApi.PaymentIntentService(client);
    }

    /// <param name="idempotencyKey">Deterministic for the command (order, step, shipment): sent as Idempotency-Key.</param>
    public async Task<StripeTrackingOutcome> SetTrackingAsync(StripeTrackingUpdate update, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            throw new ArgumentException($"Stripe idempotency keys are at most {MaxIdempotencyKeyLength} characters.", nameof(idempotencyKey));
        var paymentIntents = _paymentIntents
            ?? throw PlatformException.Permanent($"{Platform} tracking cannot be set: {StripeOptions.Section}:ApiKey is not configured");
        if (string.IsNullOrWhiteSpace(update.PaymentIntentId))
            throw PlatformException.Permanent($"{Platform} tracking cannot be set: the order has no PaymentIntent id");

        var numbers = Normalize(update.TrackingNumbers.SelectMany(n => n?.Split(',') ?? []));
        if (numbers.Count == 0) throw PlatformException.Permanent($"{Platform} tracking cannot be set: the shipment has no tracking number");
        var name = RecipientName(update.ShipTo)
            ?? throw PlatformException.Permanent($"{Platform} requires a recipient name with shipping: the order's shipping address has none");
        if (string.IsNullOrWhiteSpace(update.ShipTo.Address1))
            throw PlatformException.Permanent($"{Platform} requires an address with shipping: the order's shipping address has no first line");

        var current = update.Keeps is null
            ? await CallAsync(update.PaymentIntentId, "read", () => paymentIntents.GetAsync(update.PaymentIntentId, cancellationToken: cancellationToken), cancellationToken)
            : null;
        var held = Normalize(update.Keeps ?? current?.Shipping?.TrackingNumber?.Split(',') ?? []);
        var replaced = Normalize(update.Replaces ?? []).Where(r => !numbers.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var existing = held.Where(n => !replaced.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (current is not null && existing.Count == held.Count && numbers.All(n => existing.Contains(n, StringComparer.OrdinalIgnoreCase)))
            return StripeTrackingOutcome.AlreadyPresent;

        var merged = existing.Concat(numbers.Where(n => !existing.Contains(n, StringComparer.OrdinalIgnoreCase)));
        var shipTo = update.ShipTo;
        var options = new StripeApi.PaymentIntentUpdateOptions
        {
            Shipping = new StripeApi.ChargeShippingOptions
            {
                Name = name,
                Phone = Blank(shipTo.Phone),
                Carrier = Blank(update.Carrier) ?? current?.Shipping?.Carrier,
                TrackingNumber = string.Join(",", merged),
                Address = new StripeApi.AddressOptions
                {
                    Line1 = shipTo.Address1!.Trim(),
                    Line2 = Blank(shipTo.Address2),
                    City = Blank(shipTo.City),
                    State = Blank(shipTo.ProvinceCode),
                    PostalCode = Blank(shipTo.Zip),
                    Country = Blank(shipTo.CountryCode),
                },
            },
        };
        await CallAsync(update.PaymentIntentId, "update",
            () => paymentIntents.UpdateAsync(update.PaymentIntentId, options, new StripeApi.RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken),
            cancellationToken);
        return StripeTrackingOutcome.Written;
    }

    private async Task<StripeApi.PaymentIntent> CallAsync(string id, string what, Func<Task<StripeApi.PaymentIntent>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (StripeApi.StripeException e)
        {
            throw Classify(e, $"{Platform} PaymentIntent {id} ({what})", _time.GetUtcNow());
        }
        catch (HttpRequestException e)
        {
            throw PlatformException.Transient($"{Platform} could not be reached for PaymentIntent {id} ({what}): {e.Message}", inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw PlatformException.Transient($"{Platform} did not answer in time for PaymentIntent {id} ({what})", inner: e);
        }
        catch (Exception e) when (OrderSyncResilience.Classify($"{Platform} (PaymentIntent {id}, {what})", e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>A StripeException as transient (retry, not before Retry-After) or permanent (with Stripe's own message).</summary>
    internal static PlatformException Classify(StripeApi.StripeException e, string what, DateTimeOffset now)
    {
        var headers = e.StripeResponse?.Headers;
        var retryAfter = HttpFailure.RetryAfter(headers?.RetryAfter, now);
        var status = (int)e.HttpStatusCode;
        var error = e.StripeError;
        var detail = error is null ? "" : $": {error.Type}{(string.IsNullOrEmpty(error.Code) ? "" : $" {error.Code}")}: {error.Message}";

        if (e.StripeResponse is null)
            return PlatformException.Permanent($"{what} could not be sent: {e.Message}", e); // raised before any request (e.g. no API key)
        if (error is null)
            return status is >= 200 and < 300 or >= 500 or 408 or 409 or 429
                ? PlatformException.Transient($"{what}: {Platform} answered {status} with a body that is not a Stripe object or error", retryAfter, e)
                : PlatformException.Permanent($"{what}: {Platform} answered {status} with a body that is not a Stripe error", e);
        if (e.HttpStatusCode == HttpStatusCode.TooManyRequests || error.Type == "rate_limit_error" || error.Code is "rate_limit" or "lock_timeout")
            return PlatformException.Transient($"{what}: {Platform} answered {status} (rate limited){detail}", retryAfter ?? TimeSpan.FromSeconds(1), e);
        if (ShouldRetry(headers) == true || status >= 500 || e.HttpStatusCode == HttpStatusCode.Conflict)
            return PlatformException.Transient($"{what}: {Platform} answered {status}{detail}", retryAfter, e);
        if (e.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return PlatformException.Permanent($"{what}: {Platform} answered {status}{detail} (check {StripeOptions.Section}:ApiKey and its permissions)", e);
        return PlatformException.Permanent($"{what}: {Platform} answered {status}{detail}", e);
    }

    private static bool? ShouldRetry(System.Net.Http.Headers.HttpResponseHeaders? headers) =>
        headers is not null && headers.TryGetValues("Stripe-Should-Retry", out var values)
            ? values.FirstOrDefault() switch { "true" => true, "false" => false, _ => null }
            : null;

    private static List<string> Normalize(IEnumerable<string?> numbers) =>
        [.. numbers.Select(n => n?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? RecipientName(OrderAddress address) =>
        Blank(string.Join(" ", new[] { address.FirstName, address.LastName }.Select(Blank).Where(p => p is not null))) ?? Blank(address.Company);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
