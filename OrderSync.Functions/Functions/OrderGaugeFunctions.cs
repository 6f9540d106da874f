using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Telemetry;

namespace OrderSync.Functions.Functions;

/// <summary>
/// The order gauges refreshed on a schedule: the Azure counterpart of OrderSync.Local's OrderGaugeWorker, over the same
/// OrderGaugeRefresher. The NCRONTAB schedule is the app setting OrderGaugeSchedule (e.g. "0 */5 * * * *").
/// </summary>
public sealed class OrderGaugeFunctions(OrderGaugeRefresher refresher)
{
    [Function("OrderGaugeRefresh")]
    public Task RefreshAsync([TimerTrigger("%OrderGaugeSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        refresher.RefreshAsync(cancellationToken);
}
