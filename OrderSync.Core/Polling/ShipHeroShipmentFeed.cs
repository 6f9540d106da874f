using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Webhooks.ShipHero;

namespace OrderSync.Core.Polling;

/// <summary>
/// A ShipHero account OrderSync pushes to: every shipment created since the mark (ShipHeroShipments.CreatedSinceAsync),
/// routed as its Shipment Update webhook is (ShipHeroShipmentNormalizer.Route), so the webhook arriving late is the same
/// shipment to the order.
/// </summary>
public sealed class ShipHeroShipmentFeed(ShipHeroShipments shipments, TimeProvider time) : IShipmentFeed
{
    public bool Reads(VendorOptions vendor) => vendor.Kind == VendorKind.ShipHero && vendor.PushesOrders;

    public async Task<ShipmentFeedPage> ReadAsync(VendorOptions vendor, DateTimeOffset since, string? after, CancellationToken cancellationToken)
    {
        var page = await shipments.CreatedSinceAsync(VendorConnections.ShipHero(vendor), since, after, cancellationToken);
        var now = time.GetUtcNow();
        return new ShipmentFeedPage([.. page.Shipments.Select(s => Signal(vendor.Id, s, now))], page.NextCursor, page.HighWaterMark);
    }

    private static InboundSignal Signal(string vendorId, ShipHeroShipment s, DateTimeOffset now) =>
        ShipHeroShipmentNormalizer.Route(PolledSignals.Id(vendorId, s.Shipment), vendorId, s.PartnerOrderId, s.OrderId, s.OrderLegacyId, s.Shipment,
            PolledSignals.Origin("shipments", s.Shipment.ShipmentId, s.Shipment.ShippedAt, now))
        ?? throw PlatformException.Transient($"ShipHero vendor {vendorId} answered shipment {s.Shipment.ShipmentId} without its order");
}
