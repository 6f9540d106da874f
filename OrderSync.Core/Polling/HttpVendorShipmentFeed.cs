using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms.HttpVendors;

namespace OrderSync.Core.Polling;

/// <summary>
/// An HTTP vendor OrderSync pushes to: its shipment feed (GET shipments?updated_since=…, docs/http-vendor-api.md), whose
/// items are its order.shipped events, read into the very signal each one's webhook gives. Only the id and the origin are
/// the poll's, so the poller recognises a re-read shipment; the order recognises the same shipment by its id.
/// </summary>
public sealed class HttpVendorShipmentFeed(HttpVendorClient client, TimeProvider time) : IShipmentFeed
{
    public bool Reads(VendorOptions vendor) => vendor.Kind == VendorKind.HttpVendor && vendor.PushesOrders;

    public async Task<ShipmentFeedPage> ReadAsync(VendorOptions vendor, DateTimeOffset since, string? after, CancellationToken cancellationToken)
    {
        var page = await client.ShipmentsSinceAsync(VendorConnections.Http(vendor), since, after, cancellationToken);
        var now = time.GetUtcNow();
        var signals = page.Shipped.Select(s => s with
        {
            Id = PolledSignals.Id(vendor.Id, ((Lifecycle.VendorShipped)s.Signal).Shipment),
            Origin = PolledSignals.Origin(s.Origin.Topic ?? "order.shipped", s.Origin.EventId, s.Origin.OccurredAt, now),
        }).ToList();
        var mark = signals.Select(s => s.Origin.OccurredAt ?? since).DefaultIfEmpty(since).Max();
        return new ShipmentFeedPage(signals, page.NextCursor, mark);
    }
}
