using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrderSync.Core.Lifecycle;

namespace OrderSync.Core.Telemetry;

/// <summary>
/// The gauges ordersync.orders and ordersync.orders.oldest_age (infra/README.md, "Telemetry the monitoring reads"), by
/// status. Their callbacks only read the last snapshot (<see cref="OrderGaugeRefresher"/> takes it on an interval): a
/// metrics scrape never touches the table. Nothing is reported before the first snapshot, or once the last one is older
/// than twice the interval.
/// </summary>
public sealed class OrderGauges : IDisposable
{
    private readonly Meter _meter = new(OrderSyncTelemetry.Name);
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private OrderGaugeSnapshot? _latest;

    public OrderGauges(IOptions<OrderGaugeOptions> options, TimeProvider time)
    {
        _time = time;
        _maxAge = options.Value.Interval * 2;
        _meter.CreateObservableGauge("ordersync.orders", ObserveCounts, "{order}", "Orders by status (the ops API's), as of the last refresh");
        _meter.CreateObservableGauge("ordersync.orders.oldest_age", ObserveOldestAges, "s",
            "How long the order that has been longest in a status has been in it (entered it, not last saved)");
    }

    public void Update(OrderGaugeSnapshot snapshot) => Volatile.Write(ref _latest, snapshot);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveCounts() =>
        Fresh() is { } snapshot ? OrderStatus.All.Select(s => new Measurement<long>(snapshot.Statuses[s].Count, Status(s))) : [];

    /// <summary>Measured now, from when the order entered the status: the age keeps growing between refreshes.</summary>
    private IEnumerable<Measurement<double>> ObserveOldestAges()
    {
        if (Fresh() is not { } snapshot) return [];
        var now = _time.GetUtcNow();
        return OrderStatus.All.Select(s => new Measurement<double>(snapshot.OldestAgeSeconds(s, now), Status(s)));
    }

    private OrderGaugeSnapshot? Fresh() =>
        Volatile.Read(ref _latest) is { } snapshot && _time.GetUtcNow() - snapshot.TakenAt <= _maxAge ? snapshot : null;

    private static KeyValuePair<string, object?> Status(string status) => new("status", status);
}
