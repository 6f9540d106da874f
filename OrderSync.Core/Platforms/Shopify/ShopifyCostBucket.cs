// Client-side estimate of a store's Admin GraphQL cost bucket (leaky bucket per app and store).
// https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits — every response carries
// extensions.cost {requestedQueryCost, actualQueryCost, throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}}.
// The bucket size and restore rate are read from the responses, never assumed.
namespace OrderSync.Core.Platforms.Shopify;

/// <summary>
/// One store's bucket as OrderSync estimates it (never above what the store last reported): refilled at the reported
/// restore rate, minus what calls have reserved. <see cref="Reserve"/> says how long to wait so the bucket holds the cost.
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
    private double _inFlightCost;

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
    public TimeSpan Reserve(double cost, DateTimeOffset now) =>
        TryReserve(cost, now, out var wait, mayDefer: false) ? wait : TimeSpan.Zero;

    /// <summary>
    /// As <see cref="Reserve"/>, for a caller that can try again shortly (false: nothing reserved). While nothing is known yet
    /// (no response seen) only one call at a time may go, as a probe. And never more points are in flight than the bucket
    /// holds: the store charges a call when it arrives, so calls sent apart but delayed on the way can arrive together, and
    /// only what a full bucket holds is sure to fit then.
    /// </summary>
    public bool TryReserve(double cost, DateTimeOffset now, out TimeSpan wait, bool mayDefer = true)
    {
        wait = TimeSpan.Zero;
        lock (_gate)
        {
            if (mayDefer && double.IsNaN(_maximum) && _inFlight > 0) return false;
            if (mayDefer && !double.IsNaN(_maximum) && _inFlightCost > 0 && _inFlightCost + Math.Min(Math.Max(cost, 0), _maximum) > _maximum) return false;
            _inFlight++;
            if (double.IsNaN(_maximum) || _restoreRate <= 0) return true;
            if (now < _at) now = _at; // clocks read before the lock: time never runs backwards here, or refill would count twice
            cost = Math.Min(Math.Max(cost, 0), _maximum);
            var level = Level(now);
            _available = level - cost; // may go below zero: the next caller queues behind this one
            _inFlightCost += cost;
            _at = now;
            if (level >= cost) return true;
            // whole milliseconds, rounded up, plus a margin: timers tick in milliseconds and may fire a tick early
            wait = TimeSpan.FromMilliseconds(Math.Ceiling((cost - level) / _restoreRate * 1000) + Margin.TotalMilliseconds);
            return true;
        }
    }

    /// <summary>
    /// Takes in what a response reported. Answers can arrive out of order, so a report may be older than calls already sent;
    /// it therefore only ever lowers the estimate (the estimate refills by itself at the restore rate). The difference between
    /// what was reserved and what the store charged (actualQueryCost; nothing when it was not run) is given back, as the
    /// store does. The first report sets the estimate.
    /// </summary>
    public void Observe(double maximumAvailable, double currentlyAvailable, double restoreRate, DateTimeOffset now,
        double reservedCost = 0, double? actualCost = null)
    {
        lock (_gate)
        {
            if (_inFlight > 0) _inFlight--;
            var known = !double.IsNaN(_maximum);
            if (known && now < _at) now = _at;
            if (known) _inFlightCost = Math.Max(0, _inFlightCost - reservedCost);
            var estimate = known ? Level(now) + (reservedCost - (actualCost ?? 0)) : currentlyAvailable;
            // the report may predate calls still in flight: count what they reserved as spent
            var reported = currentlyAvailable - _inFlightCost;
            _maximum = maximumAvailable;
            _restoreRate = restoreRate;
            _available = Math.Min(Math.Min(reported, estimate), maximumAvailable);
            _at = now;
        }
    }

    /// <summary>A reserved call ended without a cost report (transport failure, malformed body).</summary>
    public void Release(double reservedCost = 0)
    {
        lock (_gate)
        {
            if (_inFlight > 0) _inFlight--;
            if (!double.IsNaN(_maximum)) _inFlightCost = Math.Max(0, _inFlightCost - reservedCost);
        }
    }

    private double Level(DateTimeOffset now) =>
        Math.Min(_maximum, _available + Math.Max(0, (now - _at).TotalSeconds) * _restoreRate);
}
