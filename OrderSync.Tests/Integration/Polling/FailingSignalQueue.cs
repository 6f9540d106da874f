using OrderSync.Core.Messaging;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>A recording queue that, once it has queued <see cref="SucceedFirst"/> more signals, refuses the next one, as an unreachable queue does.</summary>
internal sealed class FailingSignalQueue : ISignalQueue
{
    private readonly RecordingSignalQueue _inner = new();

    public int? SucceedFirst { get; set; }

    public IReadOnlyCollection<SignalEnvelope> Queued => _inner.Queued;

    public Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (SucceedFirst-- == 0)
        {
            SucceedFirst = null;
            throw new SignalQueueUnavailableException("queue down (test)", new IOException("refused"));
        }
        return _inner.EnqueueAsync(envelope, delay, cancellationToken);
    }

    public Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken) => _inner.WithdrawAsync(message, cancellationToken);
}
