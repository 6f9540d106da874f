using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrderSync.Sandbox.PayPal;

/// <summary>A tracker as the simulator holds it, with what PayPal was sent (PayPal's own answers do not echo the tracking number).</summary>
public sealed record PayPalSimulatedTracker(
    string Id, string CaptureId, string TrackingNumber, string Carrier, string? CarrierNameOther, string Status, bool NotifyPayer, JsonArray? Items);

/// <summary>A tracker added through the legacy trackers-batch endpoint.</summary>
public sealed record PayPalSimulatedBatchTracker(string TransactionId, string TrackingNumber, string Carrier, string? CarrierNameOther, string Status);

/// <summary>
/// Package tracking, as PayPal's Orders v2 and legacy Tracking v1 APIs serve it:
/// <list type="bullet">
/// <item>POST /v2/checkout/orders/{id}/track (fault endpoint "track"): {capture_id, tracking_number, carrier, carrier_name_other,
/// notify_payer, items} → 200 the order; 422 UNPROCESSABLE_ENTITY CAPTURE_ID_NOT_FOUND when capture_id is not one of the
/// order's captures (an authorization id included), CAPTURE_STATUS_NOT_VALID when the capture is not COMPLETED
/// (Orders v2 schema orders.track.create-422; developer.paypal.com/docs/tracking/orders-api/integrate/).</item>
/// <item>GET /v2/checkout/orders/{id} ("order"): the order with purchase_units[].shipping.trackers[] {id, status, items, links,
/// create_time, update_time} and payments.captures / authorizations.</item>
/// <item>PATCH /v2/checkout/orders/{id}/trackers/{tracker_id} ("tracker"): JSON Patch on items (replace), notify_payer (replace,
/// add) and status (replace, CANCELLED only) → 204 (developer.paypal.com/api/orders/v2/orders-trackers-patch).</item>
/// <item>POST /v1/shipping/trackers-batch ("trackers-batch"): 1–20 trackers → 200 {tracker_identifiers, errors, links}
/// (developer.paypal.com/api/tracking/v1/trackers-batch-post).</item>
/// <item>GET /v1/shipping/trackers/{transaction_id}-{tracking_number} ("legacy-tracker"): a tracker the batch added
/// {transaction_id, tracking_number, status, carrier, carrier_name_other, links}, or 404 (developer.paypal.com/api/tracking/v1/trackers-get).</item>
/// <item>PUT /v1/shipping/trackers/{id} ("legacy-tracker-update"): the tracker with a new status or carrier → 204, or 404
/// (developer.paypal.com/api/tracking/v1/trackers-put).</item>
/// </list>
/// Tracker ids are capture id + tracking number, as in PayPal's samples. A tracker is added even when the same one exists,
/// so a client that does not check first is caught doubling it. Errors have PayPal's shape {name, message, debug_id, details, links}.
/// The name and issue the simulator gives an unknown transaction in trackers-batch are its own (PayPal's are not documented).
/// </summary>
public sealed partial class PayPalSimulator
{
    private static readonly string[] TrackableOrderStatuses = ["COMPLETED", "PARTIALLY_REFUNDED", "PENDING"];
    private readonly ConcurrentDictionary<string, SimulatedOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PayPalSimulatedBatchTracker> _batchTrackers = new();
    private readonly ConcurrentQueue<(string TransactionId, string TrackingNumber)> _added = new();
    private readonly ConcurrentQueue<(string Endpoint, string? RequestId)> _requestIds = new();
    private int _orderSequence;

    private sealed class SimulatedOrder(string id, string status, string? captureId, string captureStatus, string? authorizationId)
    {
        public string Id { get; } = id;
        public string Status { get; } = status;
        public string? CaptureId { get; } = captureId;
        public string CaptureStatus { get; } = captureStatus;
        public string? AuthorizationId { get; } = authorizationId;
        public List<(PayPalSimulatedTracker Tracker, DateTimeOffset Created, DateTimeOffset Updated)> Trackers { get; } = [];
    }

    /// <summary>The PayPal-Request-Id sent with each tracking request, by endpoint, in order.</summary>
    public IReadOnlyList<(string Endpoint, string? RequestId)> RequestIds => [.. _requestIds];

    /// <summary>Every tracker trackers-batch added, and every later update of one, in order.</summary>
    public IReadOnlyList<PayPalSimulatedBatchTracker> BatchTrackers => [.. _batchTrackers];

    /// <summary>Each tracker trackers-batch added (a tracker added twice is listed twice), with its latest status.</summary>
    public IReadOnlyList<PayPalSimulatedBatchTracker> CurrentBatchTrackers
    {
        get
        {
            // Added keys first: a tracker is stored before its key is added, so every key read has its tracker in the later read.
            var added = _added.ToList();
            var latest = _batchTrackers.GroupBy(t => (t.TransactionId, t.TrackingNumber)).ToDictionary(g => g.Key, g => g.Last());
            return [.. added.Select(key => latest[key])];
        }
    }

    /// <summary>
    /// Seeds an order paid and captured: status <paramref name="orderStatus"/>, one purchase unit with one capture
    /// (<paramref name="captureStatus"/>), and, for an order authorized before it was captured, the authorization.
    /// </summary>
    public void SeedCapturedOrder(string orderId, string captureId, string captureStatus = "COMPLETED", string? authorizationId = null, string orderStatus = "COMPLETED") =>
        _orders[orderId] = new SimulatedOrder(orderId, orderStatus, captureId, captureStatus, authorizationId);

    /// <summary>Seeds an order the payer approved that was never captured (or only authorized).</summary>
    public void SeedUncapturedOrder(string orderId, string status = "APPROVED", string? authorizationId = null) =>
        _orders[orderId] = new SimulatedOrder(orderId, status, null, "", authorizationId);

    /// <summary>A fresh order id and capture id, seeded captured and COMPLETED.</summary>
    public (string OrderId, string CaptureId) SeedCapturedOrder()
    {
        var n = Interlocked.Increment(ref _orderSequence);
        var (orderId, captureId) = ($"5O{n:D6}TN364715T", $"8MC{n:D6}K746392H");
        SeedCapturedOrder(orderId, captureId);
        return (orderId, captureId);
    }

    public IReadOnlyList<PayPalSimulatedTracker> TrackersOf(string orderId)
    {
        if (!_orders.TryGetValue(orderId, out var order)) return [];
        lock (order) return [.. order.Trackers.Select(t => t.Tracker)];
    }

    private void MapTracking(WebApplication app)
    {
        app.MapPost("/v2/checkout/orders/{id}/track", TrackAsync);
        app.MapGet("/v2/checkout/orders/{id}", ShowOrderAsync);
        app.MapPatch("/v2/checkout/orders/{id}/trackers/{trackerId}", PatchTrackerAsync);
        app.MapPost("/v1/shipping/trackers-batch", TrackersBatchAsync);
        app.MapGet("/v1/shipping/trackers/{id}", ShowLegacyTrackerAsync);
        app.MapPut("/v1/shipping/trackers/{id}", UpdateLegacyTrackerAsync);
    }

    private async Task TrackAsync(HttpContext context, string id)
    {
        var body = await ReceiveAsync("track", context);
        var stall = TakeStallAfterEffect("track");
        if (stall is null && await PlayFaultAsync("track", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (body is not JsonObject request)
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", Issues(("/", "MALFORMED_REQUEST_JSON"))));
            return;
        }
        if (!_orders.TryGetValue(id, out var order))
        {
            await NotFoundAsync(context, "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
            return;
        }

        var captureId = Field(request, "capture_id");
        var trackingNumber = Field(request, "tracking_number");
        var carrier = Field(request, "carrier");
        var missing = new (string Field, string? Value)[] { ("/capture_id", captureId), ("/tracking_number", trackingNumber), ("/carrier", carrier) }
            .Where(f => string.IsNullOrEmpty(f.Value)).Select(f => (f.Field, "MISSING_REQUIRED_PARAMETER")).ToArray();
        if (missing.Length > 0 || trackingNumber!.Length > 64)
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.",
                missing.Length > 0 ? Issues(missing) : Issues(("/tracking_number", "INVALID_STRING_MAX_LENGTH"))));
            return;
        }
        if (order.CaptureId != captureId)
        {
            await UnprocessableAsync(context, "CAPTURE_ID_NOT_FOUND", "Specified capture ID does not exist. Check the capture ID and try again.");
            return;
        }
        if (order.CaptureStatus != "COMPLETED" || !TrackableOrderStatuses.Contains(order.Status))
        {
            await UnprocessableAsync(context, "CAPTURE_STATUS_NOT_VALID", "Invalid capture status. Tracker information can only be added to captures in `COMPLETED` state.");
            return;
        }

        var now = _time.GetUtcNow();
        var tracker = new PayPalSimulatedTracker(captureId + trackingNumber, captureId!, trackingNumber, carrier!, Field(request, "carrier_name_other"), "SHIPPED",
            request["notify_payer"] is JsonValue notify && notify.TryGetValue<bool>(out var n) && n, request["items"] as JsonArray is { } items ? (JsonArray)items.DeepClone() : null);
        lock (order) order.Trackers.Add((tracker, now, now));

        if (stall is not null && !await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
        await WriteAsync(context.Response, 200, OrderJson(order));
    }

    private async Task ShowOrderAsync(HttpContext context, string id)
    {
        _received.Enqueue(new PayPalRequest("order", null, _time.GetUtcNow()));
        if (await PlayFaultAsync("order", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (!_orders.TryGetValue(id, out var order))
        {
            await NotFoundAsync(context, "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
            return;
        }
        await WriteAsync(context.Response, 200, OrderJson(order));
    }

    private async Task PatchTrackerAsync(HttpContext context, string id, string trackerId)
    {
        var body = await ReceiveAsync("tracker", context);
        var stall = TakeStallAfterEffect("tracker");
        if (stall is null && await PlayFaultAsync("tracker", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (body is not JsonArray operations || operations.Count == 0 || operations.Any(o => o is not JsonObject))
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", Issues(("/", "MALFORMED_REQUEST_JSON"))));
            return;
        }
        if (!_orders.TryGetValue(id, out var order))
        {
            await NotFoundAsync(context, "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
            return;
        }

        lock (order)
        {
            var index = order.Trackers.FindLastIndex(t => t.Tracker.Id == trackerId);
            if (index >= 0)
            {
                var (tracker, created, _) = order.Trackers[index];
                string? refusal = null;
                foreach (var operation in operations.Cast<JsonObject>())
                {
                    var (op, path, value) = (Field(operation, "op"), Field(operation, "path"), operation["value"]);
                    switch (path)
                    {
                        case "/status" when op == "replace" && value is JsonValue v && v.TryGetValue<string>(out var status) && status == "CANCELLED":
                            tracker = tracker with { Status = "CANCELLED" };
                            break;
                        case "/notify_payer" when op is "replace" or "add" && value is JsonValue v && v.TryGetValue<bool>(out var notify):
                            tracker = tracker with { NotifyPayer = notify };
                            break;
                        case "/items" when op == "replace" && value is JsonArray items:
                            tracker = tracker with { Items = (JsonArray)items.DeepClone() };
                            break;
                        case "/status" or "/notify_payer" or "/items":
                            refusal ??= "INVALID_PARAMETER_VALUE";
                            break;
                        default:
                            refusal ??= "NOT_PATCHABLE";
                            break;
                    }
                }
                if (refusal is null) order.Trackers[index] = (tracker, created, _time.GetUtcNow());
                trackerId = refusal is null ? trackerId : "\0" + refusal;
            }
            else trackerId = "\0";
        }

        if (trackerId == "\0")
        {
            await NotFoundAsync(context, "TRACKER_ID_NOT_FOUND", "Specified tracker ID does not exist. Check the tracker ID and try again.");
            return;
        }
        if (trackerId.StartsWith('\0'))
        {
            await UnprocessableAsync(context, trackerId[1..], trackerId[1..] == "NOT_PATCHABLE" ? "Cannot be patched." : "The value of a field is invalid.");
            return;
        }
        if (stall is not null && !await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
        context.Response.StatusCode = 204;
    }

    private async Task TrackersBatchAsync(HttpContext context)
    {
        var body = await ReceiveAsync("trackers-batch", context);
        var stall = TakeStallAfterEffect("trackers-batch");
        if (stall is null && await PlayFaultAsync("trackers-batch", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (body is not JsonObject { } request || request["trackers"] is not JsonArray { Count: >= 1 and <= 20 } trackers || trackers.Any(t => t is not JsonObject))
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", Issues(("/trackers", "INVALID_ARRAY_LENGTH"))));
            return;
        }

        var known = _orders.Values.Select(o => o.CaptureId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var identifiers = new JsonArray();
        var errors = new JsonArray();
        for (var i = 0; i < trackers.Count; i++)
        {
            var t = (JsonObject)trackers[i]!;
            var (transactionId, trackingNumber, carrier, status) = (Field(t, "transaction_id"), Field(t, "tracking_number"), Field(t, "carrier"), Field(t, "status"));
            if (transactionId is null || !known.Contains(transactionId) || string.IsNullOrEmpty(trackingNumber) || string.IsNullOrEmpty(carrier) || status is null)
            {
                errors.Add(Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", Issues(($"/trackers/{i}/transaction_id", "INVALID_PARAMETER_VALUE"))));
                continue;
            }
            _batchTrackers.Enqueue(new PayPalSimulatedBatchTracker(transactionId, trackingNumber, carrier, Field(t, "carrier_name_other"), status));
            _added.Enqueue((transactionId, trackingNumber));
            identifiers.Add(new JsonObject
            {
                ["transaction_id"] = transactionId,
                ["tracking_number"] = trackingNumber,
                ["links"] = new JsonArray(new JsonObject { ["href"] = new Uri(BaseUrl, $"v1/shipping/trackers/{transactionId}-{trackingNumber}").AbsoluteUri, ["rel"] = "self", ["method"] = "GET" }),
            });
        }

        if (stall is not null && !await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
        // batch_tracker_collection gives both arrays minItems 1: an empty one is left out.
        var answer = new JsonObject();
        if (identifiers.Count > 0) answer["tracker_identifiers"] = identifiers;
        if (errors.Count > 0) answer["errors"] = errors;
        answer["links"] = new JsonArray(new JsonObject { ["href"] = new Uri(BaseUrl, "v1/shipping/trackers-batch").AbsoluteUri, ["rel"] = "self", ["method"] = "POST" });
        await WriteAsync(context.Response, 200, answer);
    }

    private async Task UpdateLegacyTrackerAsync(HttpContext context, string id)
    {
        var body = await ReceiveAsync("legacy-tracker-update", context);
        if (await PlayFaultAsync("legacy-tracker-update", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (_batchTrackers.LastOrDefault(t => $"{t.TransactionId}-{t.TrackingNumber}" == id) is not { } tracker)
        {
            await NotFoundAsync(context, "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
            return;
        }
        if (body is not JsonObject request || Field(request, "status") is not { } status)
        {
            await WriteAsync(context.Response, 400, Error("INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", Issues(("/status", "MISSING_REQUIRED_PARAMETER"))));
            return;
        }
        // The latest entry of a tracker is the one shown: an update is a new entry.
        _batchTrackers.Enqueue(tracker with { Status = status, Carrier = Field(request, "carrier") ?? tracker.Carrier });
        context.Response.StatusCode = 204;
    }

    private async Task ShowLegacyTrackerAsync(HttpContext context, string id)
    {
        _received.Enqueue(new PayPalRequest("legacy-tracker", null, _time.GetUtcNow()));
        if (await PlayFaultAsync("legacy-tracker", context)) return;
        if (!await AuthorizedAsync(context)) return;
        if (_batchTrackers.LastOrDefault(t => $"{t.TransactionId}-{t.TrackingNumber}" == id) is not { } tracker)
        {
            await NotFoundAsync(context, "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
            return;
        }
        var json = new JsonObject
        {
            ["transaction_id"] = tracker.TransactionId,
            ["tracking_number"] = tracker.TrackingNumber,
            ["status"] = tracker.Status,
            ["carrier"] = tracker.Carrier,
        };
        if (tracker.CarrierNameOther is { } other) json["carrier_name_other"] = other;
        json["links"] = new JsonArray(new JsonObject { ["href"] = new Uri(BaseUrl, $"v1/shipping/trackers/{id}").AbsoluteUri, ["rel"] = "self", ["method"] = "GET" });
        await WriteAsync(context.Response, 200, json);
    }

    private JsonObject OrderJson(SimulatedOrder order)
    {
        JsonArray trackers;
        lock (order)
            trackers = new JsonArray([.. order.Trackers.Select(t =>
            {
                var json = new JsonObject { ["id"] = t.Tracker.Id, ["status"] = t.Tracker.Status };
                if (t.Tracker.Items is { } items) json["items"] = items.DeepClone();
                json["links"] = new JsonArray(new JsonObject { ["href"] = new Uri(BaseUrl, $"v2/checkout/orders/{order.Id}/trackers/{t.Tracker.Id}").AbsoluteUri, ["rel"] = "update", ["method"] = "PATCH" });
                json["create_time"] = $"{t.Created:yyyy-MM-ddTHH:mm:ssZ}";
                json["update_time"] = $"{t.Updated:yyyy-MM-ddTHH:mm:ssZ}";
                return (JsonNode)json;
            })]);

        var payments = new JsonObject();
        if (order.AuthorizationId is { } authorization)
            payments["authorizations"] = new JsonArray(new JsonObject { ["id"] = authorization, ["status"] = order.CaptureId is null ? "CREATED" : "CAPTURED" });
        if (order.CaptureId is { } capture)
            payments["captures"] = new JsonArray(new JsonObject { ["id"] = capture, ["status"] = order.CaptureStatus, ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "57.00" } });

        return new JsonObject
        {
            ["id"] = order.Id,
            ["intent"] = order.AuthorizationId is null ? "CAPTURE" : "AUTHORIZE",
            ["status"] = order.Status,
            ["purchase_units"] = new JsonArray(new JsonObject
            {
                ["reference_id"] = "default",
                ["amount"] = new JsonObject { ["currency_code"] = "USD", ["value"] = "57.00" },
                ["shipping"] = new JsonObject { ["trackers"] = trackers },
                ["payments"] = payments,
            }),
            ["links"] = new JsonArray(new JsonObject { ["href"] = new Uri(BaseUrl, $"v2/checkout/orders/{order.Id}").AbsoluteUri, ["rel"] = "self", ["method"] = "GET" }),
        };
    }

    /// <summary>Records the request (its JSON body, when it has one, and its PayPal-Request-Id).</summary>
    private async Task<JsonNode?> ReceiveAsync(string endpoint, HttpContext context)
    {
        JsonNode? body = null;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
        }
        _received.Enqueue(new PayPalRequest(endpoint, body as JsonObject, _time.GetUtcNow()));
        _requestIds.Enqueue((endpoint, context.Request.Headers["PayPal-Request-Id"].FirstOrDefault()));
        return body;
    }

    /// <summary>Takes the next fault queued for <paramref name="endpoint"/> when it is a stall after the effect; any other fault stays queued.</summary>
    private PayPalFault.StallAfterEffect? TakeStallAfterEffect(string endpoint)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Endpoint == "*" || f.Endpoint == endpoint);
            if (index < 0 || _faults[index].Fault is not PayPalFault.StallAfterEffect stall) return null;
            _faults.RemoveAt(index);
            return stall;
        }
    }

    /// <summary>While true, the tracking endpoints answer 401 to every token, fresh ones included (an app whose REST permissions were withdrawn).</summary>
    public bool RefuseBearerTokens { get; set; }

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        if (!RefuseBearerTokens && HasLiveToken(context.Request.Headers.Authorization)) return true;
        await WriteAsync(context.Response, 401, Error("AUTHENTICATION_FAILURE", "Authentication failed due to missing authorization header, or invalid authentication credentials."));
        return false;
    }

    private static Task NotFoundAsync(HttpContext context, string issue, string description) =>
        WriteAsync(context.Response, 404, Error("RESOURCE_NOT_FOUND", "The specified resource does not exist.", Issues((null, issue, description))));

    private static Task UnprocessableAsync(HttpContext context, string issue, string description) =>
        WriteAsync(context.Response, 422, Error("UNPROCESSABLE_ENTITY", "The requested action could not be performed, semantically incorrect, or failed business validation.", Issues((null, issue, description))));

    private static JsonArray Issues(params (string Field, string Issue)[] issues) =>
        new([.. issues.Select(i => (JsonNode)new JsonObject { ["field"] = i.Field, ["location"] = "body", ["issue"] = i.Issue })]);

    private static JsonArray Issues(params (string? Field, string Issue, string Description)[] issues) =>
        new([.. issues.Select(i =>
        {
            var detail = new JsonObject();
            if (i.Field is { } field) detail["field"] = field;
            detail["issue"] = i.Issue;
            detail["description"] = i.Description;
            return (JsonNode)detail;
        })]);

    private static string? Field(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
