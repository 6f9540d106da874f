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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("back-fill is disabled (OrderSync:Backfill:Enabled)");
            return;
        }
        try
        {
            await Task.Delay(options.Value.FirstRunDelay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                var result = await backfill.RunAsync(null, stoppingToken);
                if (result?.FailedStores.Count > 0)
                    logger.LogWarning("back-fill: {Failed} store(s) failed ({Stores}); they are read again next time",
                        result.FailedStores.Count, string.Join(", ", result.FailedStores));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "back-fill failed; trying again in {Interval}", options.Value.Interval);
            }
        } while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
