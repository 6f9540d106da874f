using System.Collections.Concurrent;
using OrderSync.Core.Messaging;

namespace OrderSync.Tests.Support;

/// <summary>A signal queue that keeps what it is given (less what is withdrawn), for tests that count what was queued.</summary>
public sealed class RecordingSignalQueue : ISignalQueue
{
    private readonly ConcurrentDictionary<string, (long Order, SignalEnvelope Envelope)> _queued = new();
    private long _sent;

    public IReadOnlyCollection<SignalEnvelope> Queued => [.. _queued.Values.OrderBy(m => m.Order).Select(m => m.Envelope)];

    public Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var order = Interlocked.Increment(ref _sent);
        var message = new QueuedMessage($"message-{order}", $"receipt-{order}");
        _queued[message.MessageId] = (order, envelope);
        return Task.FromResult<QueuedMessage?>(message);
    }

    public Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        _queued.TryRemove(message.MessageId, out _);
        return Task.CompletedTask;
    }
}
