// PayPal package tracking over REST (no PayPal SDK); the OAuth2 token comes from PayPalAccessTokens.
// Add:    POST  {base}/v2/checkout/orders/{id}/track, order_tracker_request {capture_id, tracking_number, carrier,
//         carrier_name_other, notify_payer, items} → 200/201 the Order (developer.paypal.com/api/orders/v2/, "Add tracking
//         information for an Order"; developer.paypal.com/docs/tracking/orders-api/integrate/; paypal/PayPal-Dotnet-Server-SDK
//         OrdersController.CreateOrderTracking returns Order). Only captured orders in COMPLETED, PARTIALLY_REFUNDED or PENDING
//         accept tracking; 422 UNPROCESSABLE_ENTITY issues: CAPTURE_ID_NOT_FOUND, CAPTURE_STATUS_NOT_VALID, ITEM_SKU_MISMATCH,
//         MSP_NOT_SUPPORTED (Orders v2 schema, orders.track.create-422).
// Update: PATCH {base}/v2/checkout/orders/{id}/trackers/{tracker_id}, JSON Patch → 204 (developer.paypal.com/api/orders/v2/orders-trackers-patch).
// Read:   GET   {base}/v2/checkout/orders/{id} → purchase_units[].shipping.trackers[] {id, status, items, links, create_time, update_time}
//         (Orders v2 "shipping_with_tracking_details" and "tracker").
// Legacy: POST  {base}/v1/shipping/trackers-batch {trackers: [{transaction_id, status, tracking_number, carrier, carrier_name_other}]},
//         1–20 trackers → {tracker_identifiers: [{transaction_id, tracking_number, links}], errors, links}
//         (developer.paypal.com/api/tracking/v1/trackers-batch-post); each tracker added is then at
//         GET {base}/v1/shipping/trackers/{transaction_id}-{tracking_number} (the self link of its tracker_identifier;
//         developer.paypal.com/api/tracking/v1/trackers-get), which is read first so a retried batch adds nothing twice;
//         PUT   {base}/v1/shipping/trackers/{id} updates or cancels it (developer.paypal.com/api/tracking/v1/trackers-put).
// Errors: {name, message, debug_id, details: [{field, issue, description}], links} (developer.paypal.com/api/rest/responses/).
// PayPal-Request-Id is sent on each write as the idempotency key, but PayPal documents it on create/capture, not on the
// tracking endpoints; so an add first reads the order's trackers and returns the one already there. PayPal's tracker does
// not echo the tracking number: its id is recognised as capture_id + tracking_number, which is how every PayPal sample
// names trackers (order 5O190127TN364715T, capture 8MC585209K746392H, tracking 443844607820 → tracker
// 8MC585209K746392H443844607820) — a convention seen in PayPal's samples, not a documented contract.
// Neither the token nor a request or response body is ever put in an exception message.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms.Carriers;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.PayPal;

public sealed class PayPalTracking(HttpClient http, PayPalAccessTokens tokens, IOptions<PayPalOptions> options, TimeProvider time)
{
    private const string Platform = "PayPal";
    public const int MaxBatchSize = 20;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _base = options.Value.ApiBaseUrl;

    /// <summary>
    /// Adds tracking to the captured order <paramref name="orderId"/>, unless the order already has a live tracker for the
    /// same capture and tracking number (a retry whose first answer was lost): then that tracker is returned, marked
    /// <see cref="PayPalTracker.AlreadyPresent"/>.
    /// </summary>
    /// <param name="requestId">The idempotency key (1–108 characters), sent as PayPal-Request-Id.</param>
    /// <exception cref="PlatformException">Transient (network, timeout, 429, 5xx, an unreadable answer) or permanent (refused, with PayPal's issue).</exception>
    public async Task<PayPalTracker> AddAsync(string orderId, PayPalOrderTracker tracker, string requestId, CancellationToken cancellationToken)
    {
        Check(tracker);
        var expectedId = tracker.CaptureId + tracker.TrackingNumber;
        var before = await GetTrackersAsync(orderId, cancellationToken);
        if (before.FirstOrDefault(t => t.Id == expectedId && t.Status != PayPalTracker.Cancelled) is { } existing)
            return existing with { AlreadyPresent = true };

        using var document = await SendAsync(HttpMethod.Post, $"v2/checkout/orders/{Escape(orderId)}/track", TrackBody(tracker), requestId, "track", cancellationToken)
                             ?? throw PlatformException.Transient($"{Platform} answered track without the order");
        var after = Trackers(document.RootElement, "track");
        return after.FirstOrDefault(t => t.Id == expectedId)
               ?? after.LastOrDefault(t => before.All(b => b.Id != t.Id))
               ?? throw PlatformException.Transient($"{Platform} answered track without the new tracker in purchase_units[].shipping.trackers");
    }

    /// <summary>The order's trackers: GET /v2/checkout/orders/{id}, purchase_units[].shipping.trackers[].</summary>
    public async Task<IReadOnlyList<PayPalTracker>> GetTrackersAsync(string orderId, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(HttpMethod.Get, $"v2/checkout/orders/{Escape(orderId)}", null, null, "show order", cancellationToken)
                             ?? throw PlatformException.Transient($"{Platform} answered show order without a body");
        return Trackers(document.RootElement, "show order");
    }

    /// <summary>PATCH /v2/checkout/orders/{id}/trackers/{tracker_id} with <paramref name="operations"/> (see <see cref="PayPalTrackerPatch"/>).</summary>
    public async Task UpdateTrackerAsync(string orderId, string trackerId, IReadOnlyList<PayPalTrackerPatch> operations, string requestId, CancellationToken cancellationToken)
    {
        if (operations.Count == 0) throw new ArgumentException("at least one patch operation", nameof(operations));
        var body = new JsonArray([.. operations.Select(o => (JsonNode)new JsonObject { ["op"] = o.Op, ["path"] = o.Path, ["value"] = o.Value?.DeepClone() })]);
        using var _ = await SendAsync(HttpMethod.Patch, $"v2/checkout/orders/{Escape(orderId)}/trackers/{Escape(trackerId)}", body, requestId, "update tracker", cancellationToken);
    }

    /// <summary>Cancels a tracker: replace /status with CANCELLED, the one status change PayPal supports.</summary>
    public Task CancelTrackerAsync(string orderId, string trackerId, string requestId, CancellationToken cancellationToken) =>
        UpdateTrackerAsync(orderId, trackerId, [PayPalTrackerPatch.Cancel()], requestId, cancellationToken);

    /// <summary>
    /// The legacy POST /v1/shipping/trackers-batch, for captures whose order id is unknown: 1–20 trackers, each SHIPPED.
    /// PayPal answers 200 with the trackers added and, per tracker, the errors of those it refused. When an earlier call may
    /// have added them (<paramref name="mayHaveRun"/>), a tracker PayPal already holds (GET
    /// /v1/shipping/trackers/{transaction_id}-{tracking_number}, not CANCELLED) is not sent again: it is among
    /// <see cref="PayPalBatchResult.Added"/>, marked <see cref="PayPalBatchAdded.AlreadyPresent"/>.
    /// </summary>
    public async Task<PayPalBatchResult> AddBatchAsync(IReadOnlyList<PayPalBatchTracker> trackers, string requestId, bool mayHaveRun, CancellationToken cancellationToken)
    {
        if (trackers.Count is 0 or > MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(trackers), trackers.Count, $"trackers-batch takes 1 to {MaxBatchSize} trackers");
        foreach (var t in trackers) Check(t.TransactionId, "transaction_id", t.TrackingNumber, t.Carrier, t.CarrierNameOther);
        return mayHaveRun ? await AddMissingAsync(trackers, requestId, cancellationToken) : await PostBatchAsync(trackers, [], requestId, cancellationToken);
    }

    /// <summary>Reads each tracker first, and sends only those PayPal does not hold.</summary>
    private async Task<PayPalBatchResult> AddMissingAsync(IReadOnlyList<PayPalBatchTracker> trackers, string requestId, CancellationToken cancellationToken)
    {
        var already = new List<PayPalBatchAdded>();
        var pending = new List<PayPalBatchTracker>();
        foreach (var t in trackers)
        {
            using var held = await SendAsync(HttpMethod.Get, $"v1/shipping/trackers/{Escape(t.TransactionId + "-" + t.TrackingNumber)}", null, null, "show tracker", cancellationToken, notFoundIsNull: true);
            if (held is not null && held.RootElement.Text("status") is { } status && status != PayPalTracker.Cancelled)
                already.Add(new PayPalBatchAdded(t.TransactionId, t.TrackingNumber, AlreadyPresent: true));
            else pending.Add(t);
        }
        return pending.Count == 0 ? new PayPalBatchResult(already, []) : await PostBatchAsync(pending, already, requestId, cancellationToken);
    }

    private async Task<PayPalBatchResult> PostBatchAsync(
        IReadOnlyList<PayPalBatchTracker> trackers, List<PayPalBatchAdded> already, string requestId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["trackers"] = new JsonArray([.. trackers.Select(t =>
            {
                var item = new JsonObject
                {
                    ["transaction_id"] = t.TransactionId,
                    ["status"] = PayPalTracker.Shipped,
                    ["tracking_number"] = t.TrackingNumber,
                    ["carrier"] = t.Carrier,
                };
                if (t.CarrierNameOther is { } other) item["carrier_name_other"] = other;
                return (JsonNode)item;
            })]),
        };
        using var document = await SendAsync(HttpMethod.Post, "v1/shipping/trackers-batch", body, requestId, "trackers-batch", cancellationToken)
                             ?? throw PlatformException.Transient($"{Platform} answered trackers-batch without a body");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw PlatformException.Transient($"{Platform} answered trackers-batch with a body that is not an object");
        var added = root.Array("tracker_identifiers")
            .Where(i => i.Text("transaction_id") is not null)
            .Select(i => new PayPalBatchAdded(i.Text("transaction_id")!, i.Text("tracking_number") ?? ""))
            .ToList();
        var errors = root.Array("errors").Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => new PayPalBatchError(e.Text("name") ?? "UNKNOWN", e.Text("message"), [.. e.Array("details").Select(d => d.Text("issue")).OfType<string>()]))
            .ToList();
        return new PayPalBatchResult([.. already, .. added], errors);
    }

    /// <summary>
    /// Cancels a tracker added through trackers-batch (see <see cref="UpdateBatchTrackerAsync"/>).
    /// </summary>
    /// <returns>False when there was nothing to cancel.</returns>
    public Task<bool> CancelBatchTrackerAsync(string transactionId, string trackingNumber, string requestId, CancellationToken cancellationToken) =>
        UpdateBatchTrackerAsync(new PayPalBatchTracker(transactionId, trackingNumber, Carrier: ""), PayPalTracker.Cancelled, requestId, cancellationToken);

    /// <summary>
    /// Updates a tracker added through trackers-batch: PUT /v1/shipping/trackers/{transaction_id}-{tracking_number} with the
    /// tracker and its new status → 204 (developer.paypal.com/api/tracking/v1/trackers-put, "Update or cancel tracking
    /// information for PayPal transaction"). The tracker is read first: one PayPal does not hold, holds cancelled, or holds
    /// as wanted already is left as it is. An empty <see cref="PayPalBatchTracker.Carrier"/> keeps the carrier PayPal holds.
    /// </summary>
    /// <returns>False when nothing was sent.</returns>
    public async Task<bool> UpdateBatchTrackerAsync(PayPalBatchTracker tracker, string status, string requestId, CancellationToken cancellationToken)
    {
        var path = $"v1/shipping/trackers/{Escape(tracker.TransactionId + "-" + tracker.TrackingNumber)}";
        using var held = await SendAsync(HttpMethod.Get, path, null, null, "show tracker", cancellationToken, notFoundIsNull: true);
        if (held is null || held.RootElement.Text("status") is not { } heldStatus || heldStatus == PayPalTracker.Cancelled) return false;
        var keepCarrier = tracker.Carrier.Length == 0;
        var carrier = keepCarrier ? held.RootElement.Text("carrier") ?? CarrierNames.PayPalOther : tracker.Carrier;
        var other = keepCarrier ? held.RootElement.Text("carrier_name_other") : tracker.CarrierNameOther;
        if (heldStatus == status && carrier == held.RootElement.Text("carrier") && other == held.RootElement.Text("carrier_name_other")) return false;

        var body = new JsonObject
        {
            ["transaction_id"] = tracker.TransactionId,
            ["tracking_number"] = tracker.TrackingNumber,
            ["status"] = status,
            ["carrier"] = carrier,
        };
        if (other is not null) body["carrier_name_other"] = other;
        using var _ = await SendAsync(HttpMethod.Put, path, body, requestId, "update tracker", cancellationToken);
        return true;
    }

    private static void Check(PayPalOrderTracker tracker) =>
        Check(tracker.CaptureId, "capture_id", tracker.TrackingNumber, tracker.Carrier, tracker.CarrierNameOther);

    /// <summary>What PayPal would refuse anyway is refused here, permanently, with the field named.</summary>
    private static void Check(string id, string idName, string trackingNumber, string carrier, string? carrierNameOther)
    {
        if (string.IsNullOrWhiteSpace(id)) throw PlatformException.Permanent($"{Platform} tracking needs {idName}");
        if (string.IsNullOrWhiteSpace(trackingNumber)) throw PlatformException.Permanent($"{Platform} tracking needs tracking_number");
        if (trackingNumber.Length > TrackingNumberValidation.PayPalMaxLength)
            throw PlatformException.Permanent($"{Platform} tracking_number is {trackingNumber.Length} characters; PayPal takes at most {TrackingNumberValidation.PayPalMaxLength}");
        if (string.IsNullOrWhiteSpace(carrier)) throw PlatformException.Permanent($"{Platform} tracking needs carrier (PayPal's carrier code, or OTHER with carrier_name_other)");
        if (carrier == CarrierNames.PayPalOther && string.IsNullOrWhiteSpace(carrierNameOther))
            throw PlatformException.Permanent($"{Platform} carrier OTHER needs carrier_name_other");
    }

    // The published order_tracker_request (checkout_orders_v2) is shipment_tracker plus capture_id, and shipment_tracker
    // requires transaction_id and status, though PayPal's page for the call shows capture_id alone: both are sent.
    private static JsonObject TrackBody(PayPalOrderTracker tracker)
    {
        var body = new JsonObject
        {
            ["capture_id"] = tracker.CaptureId,
            ["transaction_id"] = tracker.CaptureId,
            ["status"] = "SHIPPED",
            ["tracking_number"] = tracker.TrackingNumber,
            ["carrier"] = tracker.Carrier,
        };
        if (tracker.CarrierNameOther is { } other) body["carrier_name_other"] = other;
        body["notify_payer"] = tracker.NotifyPayer;
        if (tracker.Items is { Count: > 0 } items)
            body["items"] = new JsonArray([.. items.Select(i =>
            {
                var item = new JsonObject();
                if (i.Name is { } name) item["name"] = name;
                item["quantity"] = i.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (i.Sku is { } sku) item["sku"] = sku;
                return (JsonNode)item;
            })]);
        return body;
    }

    private static List<PayPalTracker> Trackers(JsonElement order, string what)
    {
        if (order.ValueKind != JsonValueKind.Object || !order.TryGetProperty("purchase_units", out var units) || units.ValueKind != JsonValueKind.Array)
            throw PlatformException.Transient($"{Platform} answered {what} without purchase_units");
        return
        [
            .. units.EnumerateArray()
                .Where(u => u.ValueKind == JsonValueKind.Object && u.TryGetProperty("shipping", out var s) && s.ValueKind == JsonValueKind.Object)
                .SelectMany(u => u.GetProperty("shipping").Array("trackers"))
                .Where(t => t.Text("id") is not null)
                .Select(t => new PayPalTracker(t.Text("id")!, t.Text("status"))),
        ];
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    /// <returns>The answer's JSON, or null when PayPal answered without a body (204).</returns>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, JsonNode? body, string? requestId, string what, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        var payload = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        var token = await tokens.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(_base, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (requestId is not null) request.Headers.TryAddWithoutValidation("PayPal-Request-Id", requestId);
            if (payload is not null) request.Content = new ByteArrayContent(payload) { Headers = { ContentType = Json } };

            HttpResponseMessage response;
            response = await PlatformHttp.SendAsync(http, request, $"{Platform} ({what})", cancellationToken);

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    tokens.Invalidate(token);
                    if (attempt == 1)
                    {
                        token = await tokens.GetAsync(cancellationToken);
                        continue;
                    }
                    throw PlatformException.Permanent($"{Platform} refused a fresh access token for {what} (401): check the REST app's credentials");
                }
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500)
                    throw HttpFailure.Classify($"{Platform} {what}", response, time.GetUtcNow());

                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return null;
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode) throw Refused(what, response, bytes);
                if (bytes.Length == 0) return null;
                try
                {
                    return JsonDocument.Parse(bytes);
                }
                catch (JsonException e)
                {
                    throw PlatformException.Transient($"{Platform} answered {what} with a body that is not JSON", inner: e);
                }
            }
        }
    }

    /// <summary>A 4xx other than 401/408/429: permanent, with PayPal's error name, issues and debug_id in the reason.</summary>
    private static PlatformException Refused(string what, HttpResponseMessage response, byte[] bytes)
    {
        var reason = new StringBuilder($"{Platform} refused {what} ({(int)response.StatusCode}");
        try
        {
            using var error = JsonDocument.Parse(bytes);
            var root = error.RootElement;
            if (root.Text("name") is { } name) reason.Append(' ').Append(name);
            reason.Append(')');
            var issues = root.Array("details").Select(d => (Issue: d.Text("issue"), Description: d.Text("description"))).Where(d => d.Issue is not null).ToList();
            foreach (var (issue, description) in issues)
            {
                reason.Append(": ").Append(issue);
                if (description is not null) reason.Append(" — ").Append(description);
            }
            if (issues.Count == 0 && root.Text("message") is { } message) reason.Append(": ").Append(message);
            if (issues.Any(i => i.Issue == "CAPTURE_ID_NOT_FOUND"))
                reason.Append(" (capture_id must be the id of the order's capture, not of its authorization)");
            if (root.Text("debug_id") is { } debugId) reason.Append(" [debug_id ").Append(debugId).Append(']');
        }
        catch (JsonException)
        {
            reason.Append(')');
        }
        if (response.StatusCode == HttpStatusCode.Forbidden) reason.Append(": check the REST app's permissions");
        return PlatformException.Permanent(reason.ToString());
    }
}
