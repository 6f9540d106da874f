using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Core.Polling;

/// <summary>
/// A vendor Shopify store: every order updated since the mark, with its fulfillments (ShopifyVendorFulfillments.ChangedSinceAsync).
/// Each fulfillment in SUCCESS is routed as its fulfillments/create webhook is: by the vendor order's number.
/// </summary>
public sealed class ShopifyShipmentFeed(ShopifyVendorFulfillments fulfillments, TimeProvider time) : IShipmentFeed
{
    public bool Reads(VendorOptions vendor) => vendor.Kind == VendorKind.ShopifyStore;

    public async Task<ShipmentFeedPage> ReadAsync(VendorOptions vendor, DateTimeOffset since, string? after, CancellationToken cancellationToken)
    {
        var page = await fulfillments.ChangedSinceAsync(VendorConnections.ShopifyStore(vendor), since, after, cancellationToken);
        return new ShipmentFeedPage([.. page.Fulfillments.Where(f => f.Shipped).Select(f => Signal(vendor.Id, f))], page.NextCursor, page.HighWaterMark);
    }

    /// <summary>Named by numbers, as the webhook names them and as the vendor order was linked at push time.</summary>
    private InboundSignal Signal(string vendorId, VendorFulfillment fulfillment)
    {
        var vendorOrderId = ShopifyIds.Numeric(fulfillment.VendorOrderId);
        var shipment = fulfillment.Shipment with
        {
            ShipmentId = ShopifyIds.Numeric(fulfillment.Shipment.ShipmentId),
            Lines = [.. fulfillment.Shipment.Lines.Select(l => l with { VendorLineId = l.VendorLineId is null ? null : ShopifyIds.Numeric(l.VendorLineId) })],
        };
        return InboundSignal.ByReference(PolledSignals.Id(vendorId, shipment), new VendorShipped(vendorId, vendorOrderId, shipment),
            PolledSignals.Origin("fulfillments", null, fulfillment.UpdatedAt, time.GetUtcNow()), CorrelationRef.VendorOrder(vendorId, vendorOrderId));
    }
}
