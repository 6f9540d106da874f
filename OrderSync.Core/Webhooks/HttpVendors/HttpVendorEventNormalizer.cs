using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.HttpVendors;

/// <summary>
/// Reads an event of OrderSync's vendor webhook API (docs/http-vendor-api.md) strictly: a missing or wrong-typed field is
/// answered 400 with the field's name. "order.shipped" becomes <see cref="VendorShipped"/>, "order.cancelled"
/// <see cref="VendorOrderCancelled"/>; another type is ignored, so vendors may send events OrderSync does not use.
/// <para>The event's id identifies it: the delivery id is "{vendorId}:{id}" (ids are the vendor's, so two vendors may use
/// the same one) and the signal id "vendor:{vendorId}:{id}". Routing: merchantOrder "{shop}/{orderId}" goes straight to
/// that order; without it, the event is routed by the vendor's order id through the correlation table.</para>
/// </summary>
public static class HttpVendorEventNormalizer
{
    public const string Shipped = "order.shipped";
    public const string Cancelled = "order.cancelled";
    public const int MaxIdLength = 200;

    public static WebhookParse Normalize(string vendorId, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        StrictJson.Read(body, root => Read(vendorId, root, receivedAt));

    /// <summary>
    /// An event of the vendor's shipment feed (GET shipments, docs/http-vendor-api.md): an order.shipped event becomes the
    /// very signal its webhook gives; another type is null. A malformed event throws <see cref="WebhookFormatException"/>.
    /// </summary>
    public static InboundSignal? FromFeed(string vendorId, JsonElement e, DateTimeOffset receivedAt) =>
        e.ValueKind != JsonValueKind.Object ? throw new WebhookFormatException("every event must be a JSON object")
        : Read(vendorId, e, receivedAt) is WebhookParse.Accepted { Signals: [{ Signal: VendorShipped } signal] } ? signal : null;

    private static WebhookParse Read(string vendorId, JsonElement e, DateTimeOffset receivedAt)
    {
        var id = StrictJson.RequiredString(e, "id", "", MaxIdLength);
        var type = StrictJson.RequiredString(e, "type", "");
        if (type is not (Shipped or Cancelled)) return new WebhookParse.Ignored($"event type '{type}' is not used");

        var occurredAt = StrictJson.RequiredTimestamp(e, "occurredAt", "");
        var merchantOrder = StrictJson.OptionalString(e, "merchantOrder", "");
        OrderKey? order = null;
        if (merchantOrder is not null && !OrderKey.TryParse(merchantOrder, out order))
            throw new WebhookFormatException("merchantOrder must be \"{shop}/{orderId}\" as OrderSync sent it, e.g. \"merchant.myshopify.com/820982911946154508\"");
        var vendorOrderId = StrictJson.RequiredString(e, "vendorOrderId", "", MaxIdLength);

        Signal signal = type == Shipped
            ? new VendorShipped(vendorId, vendorOrderId, HttpVendorShipmentReader.Read(StrictJson.RequiredObject(e, "shipment", ""), occurredAt))
            : new VendorOrderCancelled(vendorId, vendorOrderId, StrictJson.OptionalString(e, "reason", ""), occurredAt);
        var signalId = $"vendor:{vendorId}:{id}";
        var origin = new SignalOrigin(HttpVendorWebhookSource.SourceName, type, id, occurredAt, receivedAt);
        var inbound = order is not null
            ? InboundSignal.ForOrder(signalId, order, signal, origin)
            : InboundSignal.ByReference(signalId, signal, origin, CorrelationRef.VendorOrder(vendorId, vendorOrderId));
        return new WebhookParse.Accepted($"{vendorId}:{id}", [inbound]);
    }
}
