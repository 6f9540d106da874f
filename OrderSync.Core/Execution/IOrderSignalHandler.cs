using OrderSync.Core.Messaging;

namespace OrderSync.Core.Execution;

/// <summary>What a signal queue worker hands each message to: the runtime that applies it to its order.</summary>
public interface IOrderSignalHandler
{
    /// <summary>Applies the signal (or hands it on to what will); an exception leaves the message to be delivered again.</summary>
    Task<ProcessOutcome> ProcessAsync(SignalEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Records on the order that its signal was given up on (moved to the poison queue), so the order needs attention.</summary>
    Task AbandonAsync(SignalEnvelope envelope, string error, CancellationToken cancellationToken);
}
