using System.Collections.Concurrent;
using OrderSync.Core.Messaging;

namespace OrderSync.Tests.Support;

/// <summary>A signal queue that keeps what it is given, for tests that count what was queued.</summary>
public sealed class RecordingSignalQueue : ISignalQueue
{
    private readonly ConcurrentQueue<SignalEnvelope> _queued = new();

    public IReadOnlyCollection<SignalEnvelope> Queued => _queued;

    public Task EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        _queued.Enqueue(envelope);
        return Task.CompletedTask;
    }
}
