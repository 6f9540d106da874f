using Microsoft.Extensions.Options;
using OrderSync.Core.Polling;

namespace OrderSync.Local.Worker;

/// <summary>
/// Runs the tracking poll every OrderSync:TrackingPoll:Interval, the first one an interval after start (as a timer trigger
/// would), so a restart loop does not turn into a poll loop. A failed poll is logged, never fatal.
/// </summary>
public sealed class TrackingPollWorker(
    TrackingPoller poller, IOptions<TrackingPollOptions> options, TimeProvider time, ILogger<TrackingPollWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("tracking poll is disabled (OrderSync:TrackingPoll:Enabled)");
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                var result = await poller.PollAllAsync(stoppingToken);
                if (result.FailedVendors.Count > 0)
                    logger.LogWarning("tracking poll: {Failed} vendor(s) failed ({Vendors}); they are polled again next time",
                        result.FailedVendors.Count, string.Join(", ", result.FailedVendors));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "tracking poll failed; trying again in {Interval}", options.Value.Interval);
            }
        }
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
