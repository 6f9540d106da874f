using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Stripe;

/// <summary>
/// Which order a Stripe payment belongs to. The integration that creates the PaymentIntent (or Charge) names the order in
/// its metadata under <see cref="OrderMetadataKey"/> as "{shop}/{orderId}"; such an event goes straight to that order and
/// links the PaymentIntent and Charge ids to it, so later events that carry only those ids find it too. Without (valid)
/// metadata the signal is routed by those ids through the correlation table, PaymentIntent first.
/// </summary>
public static class StripeRouting
{
    /// <summary>OrderSync's documented metadata key: "ordersync_order" = "{shop}/{orderId}", e.g. "shop.myshopify.com/450789469".</summary>
    public const string OrderMetadataKey = "ordersync_order";

    /// <summary>The order an object's metadata names, or null when it names none or not in the documented form.</summary>
    public static OrderKey? OrderNamedBy(JsonElement stripeObject) =>
        stripeObject.Child("metadata")?.Text(OrderMetadataKey)?.Split('/') is [var shop, var orderId]
        && OrderKey.TryCreate(shop.Trim(), orderId.Trim(), out var key)
            ? key
            : null;

    /// <summary>The id of an expandable field: the id string itself, or the "id" of the expanded object.</summary>
    public static string? IdOf(JsonElement stripeObject, string name) =>
        NonEmpty(stripeObject.Text(name)) ?? NonEmpty(stripeObject.Child(name)?.Text("id"));

    /// <returns>The inbound signal, or null when it names neither an order nor any id to route by.</returns>
    public static InboundSignal? Route(string signalId, Signal signal, SignalOrigin origin, OrderKey? order, string? paymentIntentId, string? chargeId)
    {
        var references = new List<CorrelationRef>(2);
        if (paymentIntentId is not null) references.Add(CorrelationRef.StripePaymentIntent(paymentIntentId));
        if (chargeId is not null) references.Add(CorrelationRef.StripeCharge(chargeId));

        if (order is not null)
            return new InboundSignal(signalId, signal, origin, order, [], [.. references.Select(r => new CorrelationLink(r, order))]);
        return references.Count == 0 ? null : new InboundSignal(signalId, signal, origin, null, references, []);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
