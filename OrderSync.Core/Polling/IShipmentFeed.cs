using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;

namespace OrderSync.Core.Polling;

/// <summary>
/// One page of a vendor's shipments changed since a moment: each as the signal its webhook would give (routed the same
/// way), the cursor of the next page (null on the last), and the latest change read (the next poll's since).
/// </summary>
public sealed record ShipmentFeedPage(IReadOnlyList<InboundSignal> Signals, string? NextCursor, DateTimeOffset HighWaterMark);

/// <summary>
/// How one kind of vendor is asked, in one batch read, for what it shipped since a moment. The tracking poller owns the
/// cursor, the de-duplication and the routing; a feed only reads and turns what it read into signals.
/// </summary>
public interface IShipmentFeed
{
    /// <summary>Whether this feed reads this vendor (its kind, and an API OrderSync can call).</summary>
    bool Reads(VendorOptions vendor);

    /// <summary>The page after <paramref name="after"/> (null: the first) of the shipments changed at or after <paramref name="since"/>.</summary>
    Task<ShipmentFeedPage> ReadAsync(VendorOptions vendor, DateTimeOffset since, string? after, CancellationToken cancellationToken);
}
