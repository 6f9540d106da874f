using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Core.Execution;

/// <summary>A shipment as a fulfillment with tracking on the merchant's Shopify order, for exactly its lines; or a tracking correction.</summary>
public sealed class ShopifyTrackingReport(MerchantDirectory directory, ShopifyMerchantOrders merchantOrders)
{
    public async Task<Signal> ReportAsync(ReportTrackingToShopify report, CancellationToken cancellationToken)
    {
        var numbers = ReportedTracking.Numbers(report.Tracking, TrackingTarget.Shopify);
        var urls = ReportedTracking.Urls(report.Tracking);
        var company = ReportedTracking.ShopifyCompany(report.Tracking, numbers);
        var store = directory.MerchantStore(report.Order.Shop);

        if (report.FulfillmentId is { } fulfillmentIds)
        {
            var corrected = new List<ShopifyFulfillment>();
            foreach (var fulfillmentId in fulfillmentIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                corrected.Add(await merchantOrders.UpdateTrackingAsync(store, ShopifyIds.Gid("Fulfillment", fulfillmentId), numbers, urls, company, null, cancellationToken));
            return new CommandSucceeded(report.Id, Reference(corrected));
        }

        var order = await merchantOrders.ReadAsync(store, ShopifyIds.Gid("Order", report.Order.OrderId), cancellationToken);
        // A retry whose first answer was lost finds its fulfillments here, before planning (their lines no longer remain):
        // only what they do not hold is planned, one fulfillment per location.
        var existing = ShopifyMerchantOrders.FulfillmentsWith(order, numbers);
        var outstanding = ShopifyFulfillmentPlan.Outstanding(report.Lines.Select(l => (LineItemId(order, l.MerchantLineId), l.Quantity)), existing);
        if (outstanding.IsEmpty && existing.IsEmpty) throw PlatformException.Permanent($"order {order.Name ?? order.Id}: the shipment has no units to fulfil");
        var created = new List<ShopifyFulfillment>();
        foreach (var request in ShopifyFulfillmentPlan.Requests(order, outstanding, numbers, urls, company))
            created.Add(await merchantOrders.CreateFulfillmentAsync(store, order, request, cancellationToken)); // the order just read, not read again per location
        return new CommandSucceeded(report.Id, Reference(existing.Concat(created)));
    }

    /// <summary>The fulfillment ids, comma-separated in the order Shopify numbered them (so the same on a retry).</summary>
    private static string Reference(IEnumerable<ShopifyFulfillment> fulfillments) => string.Join(',', fulfillments.Select(f => f.Id).Distinct()
        .OrderBy(id => ShopifyIds.Numeric(id).Length).ThenBy(id => ShopifyIds.Numeric(id), StringComparer.Ordinal));

    /// <summary>Webhooks name a line by its number, the Admin API by its gid.</summary>
    private static string LineItemId(ShopifyMerchantOrder order, string merchantLineId) =>
        order.LineItems.FirstOrDefault(l => ShopifyIds.Numeric(l.Id) == ShopifyIds.Numeric(merchantLineId))?.Id
        ?? throw PlatformException.Permanent($"order {order.Name ?? order.Id} has no line {merchantLineId} to fulfil");
}
