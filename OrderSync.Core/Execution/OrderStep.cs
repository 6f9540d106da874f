using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Execution;

/// <summary>
/// One decision on an order as both shells save it: the decider's answer applied to the record (its commands queued in
/// the outbox, the signal id remembered), with the timeline lines that tell it.
/// </summary>
public sealed record OrderStep(OrderRecord Record, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset? WakeAt)
{
    public static OrderStep Take(OrderRecord record, Signal signal, SignalOrigin? origin, string? signalId, SyncSettings settings, DateTimeOffset now)
    {
        var decision = OrderLifecycle.Decide(record.State, signal, settings, now);
        var timeline = TimelineText.For(signal, origin, decision, now);
        var next = record.Apply(decision, signalId) with { TimelineLength = record.TimelineLength + timeline.Count };
        return new OrderStep(next, timeline, decision.WakeAt);
    }
}
