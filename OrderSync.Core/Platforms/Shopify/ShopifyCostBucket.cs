// Client-side estimate of a store's Admin GraphQL cost bucket (leaky bucket per app and store).
// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits — every response carries
// extensions.cost {requestedQueryCost, actualQueryCost, throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}}.
// The bucket size and restore rate are read from the responses, never assumed.
namespace OrderSync.Core.Platforms.Shopify;

/// <summary>
/// One store's bucket as OrderSync estimates it: the last reported level, refilled at the reported restore rate, minus
/// what calls in flight have reserved. <see cref="Reserve"/> says how long to wait so the bucket holds the cost.
/// Thread-safe; until a first response has been seen nothing is known and nothing waits.
/// </summary>
public sealed class ShopifyCostBucket
{
    /// <summary>Added to every wait, so a timer firing a little early still finds the points there.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(5);

    private readonly Lock _gate = new();
    private double _maximum = double.NaN;
    private double _restoreRate;
    private double _available;
    private DateTimeOffset _at;
    private int _inFlight;

    /// <summary>The bucket size last reported, or null before any response.</summary>
    public double? MaximumAvailable { get { lock (_gate) return double.IsNaN(_maximum) ? null : _maximum; } }

    /// <summary>The restore rate (points per second) last reported, or null before any response.</summary>
    public double? RestoreRate { get { lock (_gate) return double.IsNaN(_maximum) ? null : _restoreRate; } }

    /// <summary>The estimated level at <paramref name="now"/> (null before any response).</summary>
    public double? EstimatedAvailable(DateTimeOffset now)
    {
        lock (_gate) return double.IsNaN(_maximum) ? null : Level(now);
    }

    /// <summary>
    /// Reserves <paramref name="cost"/> points for a call about to be sent at <paramref name="now"/> and answers how long
    /// to wait first (zero when the bucket already holds them). A cost above the bucket size is capped to it.
    /// Every reservation must be followed by <see cref="Observe"/> or <see cref="Release"/>.
    /// </summary>
    public TimeSpan Reserve(double cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            _inFlight++;
            if (double.IsNaN(_maximum) || _restoreRate <= 0) return TimeSpan.Zero;
            cost = Math.Min(Math.Max(cost, 0), _maximum);
            var level = Level(now);
            _available = level - cost; // may go below zero: the next caller queues behind this one
            _at = now;
            if (level >= cost) return TimeSpan.Zero;
            // whole milliseconds, rounded up, plus a margin: timers tick in milliseconds and may fire a tick early
            return TimeSpan.FromMilliseconds(Math.Ceiling((cost - level) / _restoreRate * 1000) + Margin.TotalMilliseconds);
        }
    }

    /// <summary>Takes in what a response reported; while other calls are in flight, keeps the lower (safer) estimate.</summary>
    public void Observe(double maximumAvailable, double currentlyAvailable, double restoreRate, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_inFlight > 0) _inFlight--;
            var estimate = double.IsNaN(_maximum) ? double.MaxValue : Level(now);
            _maximum = maximumAvailable;
            _restoreRate = restoreRate;
            _available = _inFlight > 0 ? Math.Min(currentlyAvailable, estimate) : currentlyAvailable;
            _at = now;
        }
    }

    /// <summary>A reserved call ended without a cost report (transport failure, malformed body).</summary>
    public void Release()
    {
        lock (_gate)
            if (_inFlight > 0) _inFlight--;
    }

    private double Level(DateTimeOffset now) =>
        Math.Min(_maximum, _available + Math.Max(0, (now - _at).TotalSeconds) * _restoreRate);
}
