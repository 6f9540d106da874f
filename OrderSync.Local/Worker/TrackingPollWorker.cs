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
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (!options.Value.Enabled)
        {
            logger.LogInformation("tracking poll is disabled (OrderSync:TrackingPoll:Enabled)");
            return Task.CompletedTask;
        }
        return PeriodicWork.RunAsync(firstAfter: interval, interval, time, PollAsync,
            e => logger.LogError(e, "tracking poll failed; trying again in {Interval}", interval), stoppingToken);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var result = await poller.PollAllAsync(cancellationToken);
        if (result.FailedVendors.Count > 0)
            logger.LogWarning("tracking poll: {Failed} vendor(s) failed ({Vendors}); they are polled again next time",
                result.FailedVendors.Count, string.Join(", ", result.FailedVendors));
    }
}
