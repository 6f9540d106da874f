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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("order gauges are disabled (OrderSync:OrderGauges:Enabled)");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            do
            {
                try
                {
                    await refresher.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "order gauges not refreshed; trying again in {Interval}", options.Value.Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
