namespace OrderSync.Core.Messaging;

/// <summary>The durable queue of signals for orders (Service Bus in Azure, Azure Storage Queue locally).</summary>
public interface ISignalQueue
{
    /// <summary>Returns once the signal is durably queued; throws <see cref="SignalQueueUnavailableException"/> when it is not.</summary>
    Task EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default);
}

public sealed class SignalQueueUnavailableException(string message, Exception inner) : Exception(message, inner);
