using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OrderSync.Core.Messaging;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>
/// Hands a signal to its order's orchestration (instance id = order key): raised to it while it runs, or starting it
/// afresh from the saved state. The caller keeps one order's signals one at a time (a Service Bus session in Azure, the
/// local worker's per-order claim). An exception leaves the message with its queue, to be delivered again.
/// </summary>
public static class OrchestrationStarter
{
    /// <summary>Statuses of an instance a start must not replace: the Azure Storage provider would otherwise start it over.</summary>
    private static readonly OrchestrationRuntimeStatus[] Live =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    public static async Task HandOnAsync(DurableTaskClient durable, SignalEnvelope envelope, CancellationToken cancellationToken)
    {
        var instanceId = OrderOrchestration.InstanceId(envelope.Order);
        var body = OrderSyncJson.Serialize(envelope);
        if (await IsRunningAsync(durable, instanceId, cancellationToken) && await RaiseAsync(durable, instanceId, body, cancellationToken)) return;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                OrderOrchestrator.Name, OrderSyncJson.Serialize(new OrderRun(envelope.Order, envelope)),
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Live), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another caller (a second host over the same task hub) started it since the look above: raise to it instead.
            if (!await RaiseAsync(durable, instanceId, body, cancellationToken)) throw;
        }
    }

    /// <summary>Raises the signal to the running instance; false when the instance has completed (it may have dropped it).</summary>
    private static async Task<bool> RaiseAsync(DurableTaskClient durable, string instanceId, string body, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(instanceId, OrderOrchestration.SignalEvent, body, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The engine refuses a raise to an orchestration that has just completed: the caller starts a new one.
            if (await IsRunningAsync(durable, instanceId, cancellationToken)) throw;
        }
        // One that completed just as the event came may have dropped it: the caller starts a new one with the signal (a
        // signal that did arrive is applied once anyway, as the saved order remembers it).
        return await IsRunningAsync(durable, instanceId, cancellationToken);
    }

    private static async Task<bool> IsRunningAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false };
}
