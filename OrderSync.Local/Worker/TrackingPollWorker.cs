using Microsoft.Extensions.Options;
using OrderSync.Core.Polling;

namespace OrderSync.Local.Worker;

/// <summary>Runs the tracking poll at start and then every OrderSync:TrackingPoll:Interval; a failed poll is logged, never fatal.</summary>
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
        do
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
