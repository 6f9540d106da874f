using OrderSync.Core.Messaging;

namespace OrderSync.Local.Worker;

/// <summary>
/// Splits a batch into one lane per order, in the order the queue gave them. A worker runs lanes side by side and each
/// lane's messages one after another, as a Service Bus session does: a burst of one order's signals then does not race
/// itself on the order's record, where a storm of ETag conflicts could cost a command its saved outcome (and a second run).
/// Unreadable messages name no order; each is a lane of its own.
/// </summary>
public static class OrderLanes
{
    public static IReadOnlyList<IReadOnlyList<ReceivedSignal>> Of(IEnumerable<ReceivedSignal> batch) =>
    [
        .. batch.Select((message, index) => (message, lane: message.Envelope?.Order.ToString() ?? $"unreadable:{index}"))
            .GroupBy(m => m.lane, m => m.message)
            .Select(lane => (IReadOnlyList<ReceivedSignal>)[.. lane]),
    ];
}
