using Microsoft.Extensions.Options;
using OrderSync.Core.Telemetry;

namespace OrderSync.Local.Worker;

/// <summary>
/// Refreshes the order gauges at start and then every OrderSync:OrderGauges:Interval. A failed refresh is logged, never
/// fatal: the gauges keep the last snapshot until it is too old to report.
/// </summary>
public sealed class OrderGaugeWorker(
    OrderGaugeRefresher refresher, IOptions<OrderGaugeOptions> options, TimeProvider time, ILogger<OrderGaugeWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (!options.Value.Enabled)
        {
            logger.LogInformation("order gauges are disabled (OrderSync:OrderGauges:Enabled)");
            return Task.CompletedTask;
        }
        return PeriodicWork.RunAsync(firstAfter: TimeSpan.Zero, interval, time, refresher.RefreshAsync,
            e => logger.LogWarning(e, "order gauges not refreshed; trying again in {Interval}", interval), stoppingToken);
    }
}
