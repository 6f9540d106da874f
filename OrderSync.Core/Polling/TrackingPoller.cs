using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Polling;

/// <summary>What one poll of every vendor did: signals routed (queued or parked), and the vendors whose poll failed.</summary>
public sealed record TrackingPollResult(int Routed, IReadOnlyList<string> FailedVendors);

/// <summary>
/// Asks each vendor Shopify store once for every fulfillment changed since its cursor, and routes each shipment as its
/// fulfillments/create webhook would be routed: by the vendor order, queued when its order is known, parked otherwise.
/// Every Shopify vendor is polled: which vendors have orders awaiting tracking is not indexed, and one cheap read per vendor
/// costs less than finding out. ShipHero and HTTP vendors are not polled (their APIs read shipments one order at a time).
/// </summary>
public sealed class TrackingPoller(
    MerchantDirectory directory,
    ShopifyVendorFulfillments fulfillments,
    TrackingCursorStore cursors,
    WebhookDeduplicator routed,
    SignalRouter router,
    IOptions<TrackingPollOptions> options,
    TimeProvider time,
    ILogger<TrackingPoller> logger)
{
    public const string SourceName = "tracking-poll";

    /// <summary>Polls every vendor; one vendor's failure is logged and does not stop the others.</summary>
    public async Task<TrackingPollResult> PollAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var failed = new List<string>();
        foreach (var vendor in directory.ShopifyVendors())
        {
            try
            {
                total += await PollAsync(vendor, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add(vendor.Id);
                logger.LogError(e, "tracking poll of vendor {VendorId} failed; its cursor stays where it was", vendor.Id);
            }
        }
        return new TrackingPollResult(total, failed);
    }

    /// <summary>Reads the vendor's changes page by page; the cursor moves past a page only once all its shipments are routed.</summary>
    public async Task<int> PollAsync(VendorOptions vendor, CancellationToken cancellationToken)
    {
        var store = VendorConnections.ShopifyStore(vendor);
        var cursor = await cursors.FindAsync(vendor.Id, cancellationToken)
            ?? TrackingCursor.StartAt(time.GetUtcNow() - options.Value.InitialLookback);
        var count = 0;
        do
        {
            var page = await fulfillments.ChangedSinceAsync(store, cursor.Since, cursor.After, cancellationToken);
            foreach (var fulfillment in page.Fulfillments.Where(f => f.Shipped))
                if (await RouteAsync(vendor.Id, fulfillment, cancellationToken)) count++;

            var mark = page.HighWaterMark > cursor.Mark ? page.HighWaterMark : cursor.Mark;
            cursor = page.NextCursor is null ? TrackingCursor.StartAt(mark) : cursor with { After = page.NextCursor, Mark = mark };
            await cursors.SaveAsync(vendor.Id, cursor, cancellationToken);
        } while (cursor.After is not null);

        if (count > 0) logger.LogInformation("tracking poll of vendor {VendorId}: {Count} new shipment(s) routed", vendor.Id, count);
        return count;
    }

    /// <summary>
    /// Changed-since reads are inclusive, so the same fulfillment comes back on the next poll: its id (vendor, fulfillment,
    /// tracking) is remembered once routed and skipped after. A corrected tracking number is a new id, so it is routed.
    /// </summary>
    private async Task<bool> RouteAsync(string vendorId, VendorFulfillment fulfillment, CancellationToken cancellationToken)
    {
        var signal = Signal(vendorId, fulfillment);
        if (await routed.HasSeenAsync(SourceName, signal.Id, cancellationToken)) return false;
        await router.RouteAsync(signal, cancellationToken);
        await routed.RememberAsync(SourceName, signal.Id, cancellationToken);
        return true;
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
        var id = $"{SourceName}:{vendorId}:{shipment.ShipmentId}:{string.Join(",", shipment.TrackingNumbers)}";
        var origin = new SignalOrigin(SourceName, "fulfillments", null, fulfillment.UpdatedAt, time.GetUtcNow());
        return InboundSignal.ByReference(id, new VendorShipped(vendorId, vendorOrderId, shipment), origin,
            CorrelationRef.VendorOrder(vendorId, vendorOrderId));
    }
}
