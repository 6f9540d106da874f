using OrderSync.Core.Messaging;

namespace OrderSync.Local.Worker;

/// <summary>
/// One lane per order across everything a worker has in hand: a message runs after the messages of its order taken before
/// it, whatever batch they came in, and beside other orders' messages. As a Service Bus session does, this keeps a burst of
/// one order's signals from racing itself on the order's record, where a storm of ETag conflicts could cost a command its
/// saved outcome (and a second run). Unreadable messages name no order; each is a lane of its own.
/// </summary>
public sealed class OrderLanes
{
    private readonly Dictionary<string, Task> _tails = [];
    private readonly Lock _gate = new();

    /// <summary>Runs <paramref name="handle"/> once the message's order has no earlier message in hand; never throws.</summary>
    public Task Enqueue(ReceivedSignal message, Func<ReceivedSignal, Task> handle)
    {
        var lane = message.Envelope?.Order.ToString() ?? $"unreadable:{message.MessageId}";
        lock (_gate)
        {
            var run = RunAfterAsync(_tails.GetValueOrDefault(lane), message, handle);
            _tails[lane] = run;
            _ = run.ContinueWith(_ => Forget(lane, run), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return run;
        }
    }

    /// <summary>The orders with a message in hand.</summary>
    public int Count
    {
        get { lock (_gate) return _tails.Count; }
    }

    private static async Task RunAfterAsync(Task? earlier, ReceivedSignal message, Func<ReceivedSignal, Task> handle)
    {
        if (earlier is not null) await earlier.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await handle(message);
        }
        catch (Exception)
        {
            // The handler logs and settles its own failures; whatever escapes it must not stop the order's next message.
        }
    }

    private void Forget(string lane, Task run)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(lane, out var tail) && tail == run) _tails.Remove(lane);
        }
    }
}
