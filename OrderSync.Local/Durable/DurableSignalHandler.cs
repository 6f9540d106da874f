using Microsoft.DurableTask.Client;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration.Durable;

namespace OrderSync.Local.Durable;

/// <summary>
/// The durable runtime's side of the local signal queue: each signal handed on to its order's orchestration by the same
/// start-or-raise as the Azure shell's Service Bus trigger. The message is done once the engine holds the signal.
/// </summary>
public sealed class DurableSignalHandler(DurableTaskClient durable, TimeProvider time) : IOrderSignalHandler
{
    public async Task<ProcessOutcome> ProcessAsync(SignalEnvelope envelope, CancellationToken cancellationToken)
    {
        await OrchestrationStarter.HandOnAsync(durable, envelope, cancellationToken);
        return new ProcessOutcome.Done();
    }

    /// <summary>
    /// The order's own orchestration records the abandonment, as it records every decision: it owns the order's record, so a
    /// write beside it would conflict with its next save. When the engine cannot take even this, the poison queue still has the message.
    /// </summary>
    public Task AbandonAsync(SignalEnvelope envelope, string error, CancellationToken cancellationToken) =>
        OrchestrationStarter.HandOnAsync(durable, Abandoned(envelope, error), cancellationToken);

    private SignalEnvelope Abandoned(SignalEnvelope envelope, string error) => new(
        $"abandoned:{envelope.Id}", envelope.Order, envelope.Abandoned(error),
        new SignalOrigin("ordersync", "poison", envelope.Id, null, time.GetUtcNow()));
}
