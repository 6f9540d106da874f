using OrderSync.Core.Storage;

namespace OrderSync.Core.Telemetry;

/// <summary>Recomputes the order gauges from the orders table; the local shell's worker and the Functions timer call it on a schedule.</summary>
public sealed class OrderGaugeRefresher(OrderStore orders, OrderGauges gauges, TimeProvider time)
{
    public async Task<OrderGaugeSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await OrderGaugeSnapshot.TakeAsync(orders.ReadStatusesAsync(cancellationToken), time, cancellationToken);
        gauges.Update(snapshot);
        return snapshot;
    }
}
