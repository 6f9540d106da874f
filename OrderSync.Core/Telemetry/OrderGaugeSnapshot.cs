using OrderSync.Core.Lifecycle;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Telemetry;

/// <summary>Orders per status, and since when the longest-waiting one has been in it, as read at <see cref="TakenAt"/>.</summary>
public sealed record OrderGaugeSnapshot(DateTimeOffset TakenAt, IReadOnlyDictionary<string, StatusTally> Statuses)
{
    /// <summary>Tallies the rows; every status of <see cref="OrderStatus.All"/> is there, with 0 orders when it has none.</summary>
    public static async Task<OrderGaugeSnapshot> TakeAsync(IAsyncEnumerable<OrderStatusRow> rows, TimeProvider time, CancellationToken cancellationToken)
    {
        var tallies = OrderStatus.All.ToDictionary(s => s, _ => new StatusTally(0, null));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!tallies.TryGetValue(row.Status, out var tally)) continue;
            tallies[row.Status] = new StatusTally(tally.Count + 1, Earlier(tally.OldestSince, row.Since));
        }
        return new OrderGaugeSnapshot(time.GetUtcNow(), tallies);
    }

    /// <summary>How long the longest-waiting order of a status has been in it at <paramref name="now"/>; 0 when none is.</summary>
    public double OldestAgeSeconds(string status, DateTimeOffset now) =>
        Statuses.TryGetValue(status, out var tally) && tally.OldestSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0;

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

/// <summary>How many orders are in a status, and since when the one that entered it first has been there.</summary>
public sealed record StatusTally(long Count, DateTimeOffset? OldestSince);
