using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>A runtime that carries an order's signals to Core: the durable engine, the local shell's queue worker.</summary>
public interface IScenarioRuntime<TSelf> : IAsyncDisposable where TSelf : IScenarioRuntime<TSelf>
{
    static abstract Task<TSelf> StartAsync(LifecycleWorld world);

    /// <summary>Hands the signal on as the shell does with a message from its queue.</summary>
    Task SendAsync(SignalEnvelope envelope);

    /// <summary>Lets go of the order, as at the end of its durable instance; a runtime that keeps nothing per order does nothing.</summary>
    Task LetGoAsync(OrderKey order);

    /// <summary>What went wrong with the order in the runtime itself (a failed instance, a poisoned message), or null.</summary>
    Task<string?> TroubleAsync(OrderKey order);
}
