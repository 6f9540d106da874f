using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Polling;

/// <summary>What one poll of every vendor did: signals routed (queued or parked), and the vendors whose poll failed.</summary>
public sealed record TrackingPollResult(int Routed, IReadOnlyList<string> FailedVendors);

/// <summary>
/// Asks each vendor once, through its kind's <see cref="IShipmentFeed"/>, for everything it shipped since its cursor, and
/// routes each shipment as its webhook would be routed: queued when its order is known, parked otherwise. Every vendor a
/// feed reads is polled (Shopify stores; ShipHero and HTTP vendors OrderSync pushes to): which vendors have orders
/// awaiting tracking is not indexed, and one cheap read per vendor costs less than finding out.
/// </summary>
public sealed class TrackingPoller(
    MerchantDirectory directory,
    IEnumerable<IShipmentFeed> feeds,
    TrackingCursorStore cursors,
    WebhookDeduplicator routed,
    SignalRouter router,
    IOptions<TrackingPollOptions> options,
    TimeProvider time,
    ILogger<TrackingPoller> logger)
{
    public const string SourceName = PolledSignals.SourceName;
    private readonly IReadOnlyList<IShipmentFeed> _feeds = [.. feeds];

    /// <summary>Polls every vendor a feed reads; one vendor's failure is logged and does not stop the others.</summary>
    public async Task<TrackingPollResult> PollAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var failed = new List<string>();
        foreach (var vendor in directory.Vendors())
        {
            if (_feeds.FirstOrDefault(f => f.Reads(vendor)) is not { } feed) continue;
            try
            {
                total += await PollAsync(vendor, feed, cancellationToken);
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
    private async Task<int> PollAsync(VendorOptions vendor, IShipmentFeed feed, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(vendor.Id, cancellationToken)
            ?? TrackingCursor.StartAt(time.GetUtcNow() - options.Value.InitialLookback);
        var count = 0;
        do
        {
            var page = await feed.ReadAsync(vendor, cursor.Since, cursor.After, cancellationToken);
            foreach (var signal in page.Signals)
                if (await RouteAsync(signal, cancellationToken)) count++;

            var mark = page.HighWaterMark > cursor.Mark ? page.HighWaterMark : cursor.Mark;
            cursor = page.NextCursor is null ? TrackingCursor.StartAt(mark) : cursor with { After = page.NextCursor, Mark = mark };
            await cursors.SaveAsync(vendor.Id, cursor, cancellationToken);
        } while (cursor.After is not null);

        if (count > 0) logger.LogInformation("tracking poll of vendor {VendorId}: {Count} new shipment(s) routed", vendor.Id, count);
        return count;
    }

    /// <summary>
    /// Changed-since reads are inclusive, so the same shipment comes back on the next poll: its id (vendor, shipment,
    /// tracking) is remembered once routed and skipped after. A corrected tracking number is a new id, so it is routed.
    /// </summary>
    private async Task<bool> RouteAsync(InboundSignal signal, CancellationToken cancellationToken)
    {
        if (await routed.HasSeenAsync(SourceName, signal.Id, cancellationToken)) return false;
        await router.RouteAsync(signal, cancellationToken);
        await routed.RememberAsync(SourceName, signal.Id, cancellationToken);
        return true;
    }
}
