using System.Globalization;
using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// Reads a PayPal webhook event ({id, event_type, create_time, resource}) into payment signals. Never throws for bad
/// input: it answers Malformed with the reason. Shapes, per PayPal's sample events (samples/paypal/README.md):
/// <list type="bullet">
/// <item>PAYMENT.CAPTURE.COMPLETED: the resource is the capture; its order is resource.supplementary_data.related_ids.order_id.</item>
/// <item>PAYMENT.CAPTURE.REFUNDED and .REVERSED: resource_type "refund"; the resource is the refund, and the capture
/// appears only as links[rel=up].href …/v2/payments/captures/{id}.</item>
/// <item>CUSTOMER.DISPUTE.CREATED: the resource is the dispute; disputed_transactions[].seller_transaction_id are the captures.</item>
/// </list>
/// Amounts are {currency_code, value} with the value as text. A capture or refund whose custom_id is an order key
/// "{shop}/{orderId}" names its order; otherwise the signal is routed by the capture, then the PayPal order.
/// </summary>
public static class PayPalEventNormalizer
{
    public const string CaptureCompleted = "PAYMENT.CAPTURE.COMPLETED";
    public const string CaptureRefunded = "PAYMENT.CAPTURE.REFUNDED";
    public const string CaptureReversed = "PAYMENT.CAPTURE.REVERSED";
    public const string DisputeCreated = "CUSTOMER.DISPUTE.CREATED";

    public static WebhookParse Normalize(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Normalize(document.RootElement, receivedAt);
        }
        catch (JsonException e)
        {
            return new WebhookParse.Malformed($"the body is not JSON: {e.Message}");
        }
    }

    private static WebhookParse Normalize(JsonElement root, DateTimeOffset receivedAt)
    {
        if (root.ValueKind != JsonValueKind.Object) return new WebhookParse.Malformed("the body is not a JSON object");
        if (Text(root, "id") is not { Length: > 0 } eventId) return new WebhookParse.Malformed("the event has no id");
        if (Text(root, "event_type") is not { Length: > 0 } eventType) return new WebhookParse.Malformed("the event has no event_type");
        var paymentEvent = eventType switch
        {
            CaptureCompleted => PaymentEvent.Captured,
            CaptureRefunded => PaymentEvent.Refunded,
            CaptureReversed => PaymentEvent.Reversed,
            DisputeCreated => PaymentEvent.Disputed,
            _ => (PaymentEvent?)null,
        };
        if (paymentEvent is null) return new WebhookParse.Ignored($"event type {eventType} is not used");
        if (!root.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
            return new WebhookParse.Malformed($"{eventType} event {eventId} has no resource object");

        var occurredAt = Timestamp(root, "create_time");
        var at = new Context(eventId, eventType, paymentEvent.Value, occurredAt ?? receivedAt,
            new SignalOrigin(PayPalWebhookSource.SourceName, eventType, eventId, occurredAt, receivedAt));
        return paymentEvent == PaymentEvent.Disputed ? Dispute(resource, at) : Payment(resource, at);
    }

    private sealed record Context(string EventId, string EventType, PaymentEvent Event, DateTimeOffset At, SignalOrigin Origin);

    private static WebhookParse Payment(JsonElement resource, Context e)
    {
        var captureId = e.Event == PaymentEvent.Captured ? Text(resource, "id") : CaptureOfRefund(resource);
        if (captureId is null)
            return new WebhookParse.Malformed(e.Event == PaymentEvent.Captured
                ? $"{e.EventType} event {e.EventId}: the capture has no id"
                : $"{e.EventType} event {e.EventId}: the refund names no capture (links[rel=up] …/captures/{{id}})");
        if (!TryMoney(resource, "amount", out var amount, out var problem)) return new WebhookParse.Malformed($"{e.EventType} event {e.EventId}: {problem}");

        var paypalOrderId = Path(resource, "supplementary_data", "related_ids", "order_id");
        var signal = Route($"{PayPalWebhookSource.SourceName}:{e.EventId}",
            new PaymentReported(PaymentPlatform.PayPal, e.Event, captureId, amount, e.At), e.Origin,
            captureId, paypalOrderId, OrderKeyOf(Text(resource, "custom_id")));
        return new WebhookParse.Accepted(e.EventId, [signal]);
    }

    private static WebhookParse Dispute(JsonElement resource, Context e)
    {
        var captureIds = Array(resource, "disputed_transactions")
            .Select(t => Text(t, "seller_transaction_id"))
            .OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (captureIds.Count == 0)
            return new WebhookParse.Malformed($"{e.EventType} event {e.EventId}: no disputed_transactions[].seller_transaction_id");
        if (!TryMoney(resource, "dispute_amount", out var amount, out var problem)) return new WebhookParse.Malformed($"{e.EventType} event {e.EventId}: {problem}");

        // One signal per disputed capture: each may belong to another order. The id stays "paypal:{event id}" when there is one.
        var signals = captureIds.Select(captureId => Route(
            captureIds.Count == 1 ? $"{PayPalWebhookSource.SourceName}:{e.EventId}" : $"{PayPalWebhookSource.SourceName}:{e.EventId}:{captureId}",
            new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Disputed, captureId, amount, e.At), e.Origin,
            captureId, paypalOrderId: null, order: null)).ToList();
        return new WebhookParse.Accepted(e.EventId, signals);
    }

    private static InboundSignal Route(string id, Signal signal, SignalOrigin origin, string captureId, string? paypalOrderId, OrderKey? order)
    {
        var capture = CorrelationRef.PayPalCapture(captureId);
        var paypalOrder = paypalOrderId is { Length: > 0 } ? CorrelationRef.PayPalOrder(paypalOrderId) : null;
        if (order is not null)
        {
            List<CorrelationLink> links = [new(capture, order)];
            if (paypalOrder is not null) links.Add(new(paypalOrder, order));
            return InboundSignal.ForOrder(id, order, signal, origin) with { Links = links };
        }
        return paypalOrder is null
            ? InboundSignal.ByReference(id, signal, origin, capture)
            : InboundSignal.ByReference(id, signal, origin, capture, paypalOrder);
    }

    /// <summary>The capture a refund belongs to: its links[rel=up] href ends in /captures/{id}.</summary>
    private static string? CaptureOfRefund(JsonElement refund)
    {
        foreach (var link in Array(refund, "links"))
        {
            if (Text(link, "rel") != "up" || !Uri.TryCreate(Text(link, "href"), UriKind.Absolute, out var href)) continue;
            var segments = href.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length >= 2 && segments[^2] == "captures" && segments[^1].Length > 0) return Uri.UnescapeDataString(segments[^1]);
        }
        return null;
    }

    /// <summary>custom_id "{shop}/{orderId}", as OrderSync asks merchants to set it, or null for anything else.</summary>
    private static OrderKey? OrderKeyOf(string? customId)
    {
        var slash = customId?.LastIndexOf('/') ?? -1;
        return slash > 0 && OrderKey.TryCreate(customId![..slash], customId[(slash + 1)..], out var key) ? key : null;
    }

    /// <summary>PayPal's money object {currency_code, value} (value as text); absent is null, present but unreadable is a problem.</summary>
    private static bool TryMoney(JsonElement parent, string name, out Money? money, out string? problem)
    {
        money = null;
        problem = null;
        if (!parent.TryGetProperty(name, out var m) || m.ValueKind == JsonValueKind.Null) return true;
        if (Text(m, "currency_code") is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
            problem = $"{name}.currency_code is not a currency code";
        else if (Text(m, "value") is not { } value || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            problem = $"{name}.value is not an amount";
        else
            money = new Money(amount, currency.ToUpperInvariant());
        return problem is null;
    }

    private static string? Path(JsonElement parent, params string[] names)
    {
        var current = parent;
        foreach (var name in names[..^1])
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        return Text(current, names[^1]);
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Timestamp(JsonElement parent, string name) =>
        DateTimeOffset.TryParse(Text(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
