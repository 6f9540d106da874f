namespace OrderSync.Core.Messaging;

/// <summary>The durable queue of signals for orders (Service Bus in Azure, Azure Storage Queue locally).</summary>
public interface ISignalQueue
{
    /// <summary>Returns once the signal is durably queued; throws <see cref="SignalQueueUnavailableException"/> when it is not.</summary>
    /// <returns>The message, for <see cref="WithdrawAsync"/>; null where the queue itself drops a second send of one signal.</returns>
    Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes back a message queued for a delivery that proved to be a redelivery. Best effort: a reader may already hold it,
    /// and then the order applies the signal id once.
    /// </summary>
    Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken);
}

/// <summary>A message a queue accepted, as much of it as taking it back needs.</summary>
public sealed record QueuedMessage(string MessageId, string Receipt);

public sealed class SignalQueueUnavailableException(string message, Exception inner) : Exception(message, inner);
