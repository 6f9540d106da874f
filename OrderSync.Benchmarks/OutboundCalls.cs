namespace OrderSync.Benchmarks;

/// <summary>
/// The HTTP calls OrderSync made to each platform during a run, as the simulators received them, per order carried through
/// (pushed and tracked): the vendor's Shopify store, the merchant's Shopify store, PayPal, Stripe. PayPal's OAuth token is
/// counted apart: it is fetched once per process and kept for its lifetime (9 h), not once per order.
/// </summary>
/// <param name="ByOperation">The calls by platform and operation (GraphQL root field, PayPal endpoint, Stripe method and path).</param>
public sealed record OutboundCalls(int VendorShopify, int MerchantShopify, int PayPal, int Stripe, int PayPalTokens, int Orders,
    IReadOnlyDictionary<string, int> ByOperation)
{
    /// <summary>The target for a simple paid order (one vendor, one shipment).</summary>
    public const double TargetPerOrder = 6;

    private const string TokenEndpoint = "token";

    public int Total => VendorShopify + MerchantShopify + PayPal + Stripe;

    public double PerOrder(int calls) => Orders > 0 ? (double)calls / Orders : 0;

    public double TotalPerOrder => PerOrder(Total);

    public static OutboundCalls Of(BenchmarkWorld world, MerchantSide merchant, int orders)
    {
        var vendor = world.Vendor.Received.Select(r => $"vendor Shopify {r.Field}").ToList();
        var store = merchant.Store.Received.Select(r => $"merchant Shopify {r.Field}").ToList();
        var payPal = merchant.PayPal.Received.Where(r => r.Endpoint != TokenEndpoint).Select(r => $"PayPal {r.Endpoint}").ToList();
        // A PaymentIntent's id is cut from its path, so one operation is one line.
        var stripe = merchant.StripeAccount.Received.Select(r => $"Stripe {r.Method} {string.Join('/', r.Path.Split('/').Take(3))}").ToList();
        var byOperation = vendor.Concat(store).Concat(payPal).Concat(stripe).GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var tokens = merchant.PayPal.Received.Count(r => r.Endpoint == TokenEndpoint);
        return new(vendor.Count, store.Count, payPal.Count, stripe.Count, tokens, orders, byOperation);
    }
}
