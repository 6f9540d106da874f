using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Orchestration;

/// <summary>
/// The durable runtime as an order's orchestration sees it. Each member is one durable action (an activity, a timer, an
/// external event), recorded in the orchestration's history, so a replay sees the same answers in the same order.
/// </summary>
public interface IOrderRuntime
{
    /// <summary>The orchestration's clock: the same value at the same point of every replay.</summary>
    DateTimeOffset Now { get; }

    Task<StoredOrder> LoadAsync(OrderKey order);

    Task<SyncSettings> ReadSettingsAsync(string shop);

    /// <summary>Runs the command on its platform (with the runtime's retry for unexpected failures) and returns its outcome.</summary>
    Task<Signal> ExecuteAsync(CommandRequest request);

    /// <summary>Saves a decision; returns the record's new version (ETag).</summary>
    Task<string?> SaveAsync(OrderSave save);

    /// <summary>
    /// Keeps a signal the orchestration could not apply (its order's record could not be read or saved) with the error,
    /// among the poisoned signals an operator sees.
    /// </summary>
    Task SetAsideAsync(SignalEnvelope envelope, string error);

    /// <summary>The next signal sent to the order, or null when <paramref name="until"/> comes first (never, when null).</summary>
    Task<SignalEnvelope?> NextSignalAsync(DateTimeOffset? until);

    /// <summary>Starts the orchestration afresh with this input and a short history; the caller returns right after.</summary>
    void ContinueAsNew(OrderRun next);
}
