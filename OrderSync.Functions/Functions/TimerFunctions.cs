using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Polling;

namespace OrderSync.Functions.Functions;

/// <summary>
/// The batch tracking poll on a schedule: the Azure counterpart of OrderSync.Local's TrackingPollWorker, over the same
/// TrackingPoller. The NCRONTAB schedule is the app setting TrackingPollSchedule (e.g. "0 */5 * * * *").
/// </summary>
public sealed class TimerFunctions(TrackingPoller poller)
{
    [Function("TrackingPoll")]
    public Task PollAsync([TimerTrigger("%TrackingPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        poller.PollAllAsync(cancellationToken);
}
