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

        if (report.FulfillmentId is { } fulfillmentId)
        {
            var corrected = await merchantOrders.UpdateTrackingAsync(store, ShopifyIds.Gid("Fulfillment", fulfillmentId), numbers, urls, company, null, cancellationToken);
            return new CommandSucceeded(report.Id, corrected.Id);
        }

        var order = await merchantOrders.ReadAsync(store, ShopifyIds.Gid("Order", report.Order.OrderId), cancellationToken);
        // A retry whose first answer was lost finds its fulfillment here, before planning (its lines no longer remain).
        if (ShopifyMerchantOrders.FulfillmentWith(order, numbers) is { } existing) return new CommandSucceeded(report.Id, existing.Id);

        var lines = ShopifyFulfillmentPlan.Lines(order, report.Lines.Select(l => (LineItemId(order, l.MerchantLineId), l.Quantity)));
        var created = await merchantOrders.CreateFulfillmentAsync(store,
            new ShopifyFulfillmentRequest(order.Id, lines, numbers, urls, company), cancellationToken);
        return new CommandSucceeded(report.Id, created.Id);
    }

    /// <summary>Webhooks name a line by its number, the Admin API by its gid.</summary>
    private static string LineItemId(ShopifyMerchantOrder order, string merchantLineId) =>
        order.LineItems.FirstOrDefault(l => ShopifyIds.Numeric(l.Id) == ShopifyIds.Numeric(merchantLineId))?.Id
        ?? throw PlatformException.Permanent($"order {order.Name ?? order.Id} has no line {merchantLineId} to fulfil");
}
