using Microsoft.Extensions.Options;
using OrderSync.Core.Polling;

namespace OrderSync.Local.Worker;

/// <summary>
/// Runs the back-fill OrderSync:Backfill:FirstRunDelay after start (catching up a store just connected, and whatever came in
/// while OrderSync was down), then every OrderSync:Backfill:Interval. A failed back-fill is logged, never fatal.
/// </summary>
public sealed class BackfillWorker(
    OrderBackfill backfill, IOptions<BackfillOptions> options, TimeProvider time, ILogger<BackfillWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (!options.Value.Enabled)
        {
            logger.LogInformation("back-fill is disabled (OrderSync:Backfill:Enabled)");
            return Task.CompletedTask;
        }
        return PeriodicWork.RunAsync(options.Value.FirstRunDelay, interval, time, BackfillAsync,
            e => logger.LogError(e, "back-fill failed; trying again in {Interval}", interval), stoppingToken);
    }

    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        var result = await backfill.RunAsync(null, cancellationToken);
        if (result?.FailedStores.Count > 0)
            logger.LogWarning("back-fill: {Failed} store(s) failed ({Stores}); they are read again next time",
                result.FailedStores.Count, string.Join(", ", result.FailedStores));
    }
}
