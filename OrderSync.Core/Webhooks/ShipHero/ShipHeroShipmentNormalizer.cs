using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.ShipHero;

/// <summary>
/// Reads ShipHero's Shipment Update webhook (developer.shiphero.com/webhooks/shipment-update-webhook; see samples/shiphero)
/// into a <see cref="VendorShipped"/> signal: {"webhook_type": "Shipment Update", "fulfillment": {shipment_id,
/// partner_order_id, order_uuid, tracking_number, shipping_carrier, custom_tracking_url, line_items: [{id, sku, quantity}],
/// created_at, …}}. Other webhook types are ignored.
/// <para>Routing: partner_order_id is what OrderSync sends as ShipHero's partner order id when it pushes, the merchant
/// order key "{shop}/{orderId}", so such a shipment goes straight to its order. Any other is routed by the ShipHero
/// order's id through the correlation table: order_uuid (the order's GraphQL id), then the legacy numeric order_id.</para>
/// <para>Redeliveries: the delivery id and the signal id derive from a SHA-256 of the raw body, so the same body sent
/// again is recognised (ShipHero's message id header is not known to survive a retry). The shipment keeps ShipHero's
/// shipment_id, so a changed update of one shipment is still recognised as the same shipment.</para>
/// </summary>
public static class ShipHeroShipmentNormalizer
{
    public const string ShipmentUpdate = "Shipment Update";
    private const string At = "fulfillment";

    public static WebhookParse Normalize(string vendorId, ReadOnlyMemory<byte> body, string? messageId, DateTimeOffset receivedAt) =>
        StrictJson.Read(body, root => Read(vendorId, root, Convert.ToHexStringLower(SHA256.HashData(body.Span)), messageId, receivedAt));

    private static WebhookParse Read(string vendorId, JsonElement root, string digest, string? messageId, DateTimeOffset receivedAt)
    {
        var type = StrictJson.OptionalString(root, "webhook_type", "")
            ?? (root.TryGetProperty("fulfillment", out var f) && f.ValueKind == JsonValueKind.Object ? StrictJson.OptionalString(f, "webhook_type", At) : null)
            ?? throw new WebhookFormatException("webhook_type is missing");
        if (type != ShipmentUpdate) return new WebhookParse.Ignored($"ShipHero webhook type '{type}' is not used");

        var fulfillment = StrictJson.RequiredObject(root, "fulfillment", "");
        var partnerOrderId = StrictJson.OptionalString(fulfillment, "partner_order_id", At);
        var orderUuid = NonEmpty(StrictJson.OptionalString(fulfillment, "order_uuid", At));
        var orderId = NonEmpty(StrictJson.OptionalId(fulfillment, "order_id", At));
        var createdAt = CreatedAt(fulfillment);
        var shipment = ReadShipment(root, fulfillment, partnerOrderId ?? orderUuid ?? orderId, createdAt ?? receivedAt);
        var origin = new SignalOrigin(ShipHeroWebhookSource.SourceName, type, messageId ?? shipment.ShipmentId, createdAt, receivedAt);
        var inbound = Route($"{ShipHeroWebhookSource.SourceName}:{vendorId}:{digest}", vendorId, partnerOrderId, orderUuid, orderId, shipment, origin)
            ?? throw new WebhookFormatException("fulfillment names no order: partner_order_id is not a merchant order key \"{shop}/{orderId}\", and order_uuid and order_id are missing");
        return new WebhookParse.Accepted($"{vendorId}:{digest}", [inbound]);
    }

    /// <summary>
    /// A ShipHero shipment as a signal, routed as this webhook routes it (also by the tracking poll, so both give the same
    /// signal): straight to the order when the partner order id is a merchant order key, else by the ShipHero order's id
    /// (GraphQL id, then legacy id) through the correlation table. Null when nothing names an order.
    /// </summary>
    public static InboundSignal? Route(string signalId, string vendorId, string? partnerOrderId, string? orderUuid, string? orderId, Shipment shipment,
        SignalOrigin origin)
    {
        OrderKey.TryParse(partnerOrderId, out var order);
        CorrelationRef[] references = [.. new[] { NonEmpty(orderUuid), NonEmpty(orderId) }.OfType<string>().Select(id => CorrelationRef.VendorOrder(vendorId, id))];
        if (order is null && references.Length == 0) return null;
        var signal = new VendorShipped(vendorId, NonEmpty(orderUuid) ?? NonEmpty(orderId), shipment);
        return order is not null
            ? InboundSignal.ForOrder(signalId, order, signal, origin)
            : InboundSignal.ByReference(signalId, signal, origin, references);
    }

    private static Shipment ReadShipment(JsonElement root, JsonElement fulfillment, string? orderRef, DateTimeOffset shippedAt)
    {
        var packages = ShipHeroPackages.Of(root, fulfillment);
        ImmutableArray<string> trackingNumbers =
            [.. Distinct([StrictJson.OptionalString(fulfillment, "tracking_number", At), .. packages.Select(ShipHeroPackages.TrackingNumber)])];
        ImmutableArray<string> trackingUrls =
            [.. Distinct([StrictJson.OptionalString(fulfillment, "custom_tracking_url", At), .. packages.Select(ShipHeroPackages.TrackingUrl)]).Where(IsWebUrl)];
        var carrier = packages.Select(ShipHeroPackages.Carrier).FirstOrDefault(c => c is not null)
            ?? NonEmpty(StrictJson.OptionalString(fulfillment, "shipping_carrier", At));
        var shipmentId = NonEmpty(StrictJson.OptionalId(fulfillment, "shipment_id", At))
            ?? NonEmpty(StrictJson.OptionalString(fulfillment, "shipment_uuid", At))
            ?? StableShipmentId(orderRef, trackingNumbers);
        return new Shipment(shipmentId, trackingNumbers, carrier, trackingUrls, Lines(fulfillment), shippedAt);
    }

    private static ImmutableArray<ShippedLine> Lines(JsonElement fulfillment) =>
    [
        .. StrictJson.Array(fulfillment, "line_items", At, required: true).Select((line, i) =>
        {
            var at = $"{At}.line_items[{i}]";
            if (line.ValueKind != JsonValueKind.Object) throw new WebhookFormatException($"{at} must be an object");
            return new ShippedLine(
                NonEmpty(StrictJson.OptionalId(line, "id", at)),
                NonEmpty(StrictJson.OptionalString(line, "sku", at)),
                StrictJson.RequiredWholeNumber(line, "quantity", at, min: 0));
        }).Where(line => line.Quantity > 0),
    ];

    /// <summary>When ShipHero names no shipment: a hash of the order and its tracking numbers, the same for every redelivery.</summary>
    private static string StableShipmentId(string? orderRef, ImmutableArray<string> trackingNumbers) =>
        "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{orderRef}\n{string.Join('\n', trackingNumbers.Order(StringComparer.Ordinal))}")))[..32];

    /// <summary>ShipHero writes "2022-05-24 18:20:15" with no offset; it is read as UTC (unconfirmed), and ignored when unreadable.</summary>
    private static DateTimeOffset? CreatedAt(JsonElement fulfillment) =>
        DateTimeOffset.TryParse(ShipHeroPackages.Text(fulfillment, "created_at"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private static IEnumerable<string> Distinct(IEnumerable<string?> values) =>
        values.Select(NonEmpty).OfType<string>().Distinct(StringComparer.Ordinal);

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
