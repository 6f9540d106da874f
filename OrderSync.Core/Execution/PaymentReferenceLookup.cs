using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Core.Execution;

/// <summary>
/// Reads the merchant order's transactions for its PayPal capture id and Stripe PaymentIntent id, and links each to the order,
/// so PayPal's and Stripe's webhooks that name only the payment find it (and those parked waiting for it are released).
/// </summary>
public sealed class PaymentReferenceLookup(
    MerchantDirectory directory, ShopifyMerchantOrders merchantOrders, IOptions<ShopifyPaymentReferenceOptions> options, SignalRouter router)
{
    public async Task<Signal> FindAsync(FindPaymentReferences find, CancellationToken cancellationToken)
    {
        var store = directory.MerchantStore(find.Order.Shop);
        var order = await merchantOrders.ReadAsync(store, ShopifyIds.Gid("Order", find.Order.OrderId), cancellationToken);
        var references = ShopifyPaymentReferences.From(order.Transactions, options.Value);
        foreach (var reference in references)
            await router.LinkAsync(new CorrelationLink(reference, find.Order), cancellationToken);
        return new PaymentReferencesFound(find.Id,
            references.FirstOrDefault(r => r.Kind == CorrelationRef.PayPalCaptureKind)?.Value,
            references.FirstOrDefault(r => r.Kind == CorrelationRef.StripePaymentIntentKind)?.Value);
    }
}
