using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Polling;

namespace OrderSync.Functions.Functions;

/// <summary>
/// The batch tracking poll and the back-fill on schedules: the Azure counterparts of OrderSync.Local's TrackingPollWorker and
/// BackfillWorker, over the same TrackingPoller and OrderBackfill. The NCRONTAB schedules are the app settings
/// TrackingPollSchedule (e.g. "0 */5 * * * *") and BackfillSchedule (e.g. "0 0 * * * *").
/// </summary>
public sealed class TimerFunctions(TrackingPoller poller, OrderBackfill backfill)
{
    [Function("TrackingPoll")]
    public Task PollAsync([TimerTrigger("%TrackingPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poller.PollAllAsync(cancellationToken);

    [Function("Backfill")]
    public Task BackfillAsync([TimerTrigger("%BackfillSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        backfill.RunAsync(null, cancellationToken);
}
