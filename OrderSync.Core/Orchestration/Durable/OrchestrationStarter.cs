using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OrderSync.Core.Messaging;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>
/// Hands a signal to its order's orchestration (instance id = order key): started from the saved state when none runs,
/// then the signal raised to it. The caller keeps one order's signals one at a time (a Service Bus session in Azure, the
/// local worker's per-order claim). An exception leaves the message with its queue, to be delivered again.
/// </summary>
/// <remarks>
/// The signal never rides in the start input. Two hosts over one task hub can both start the same instance: the Azure
/// Storage provider sends both start messages and silently keeps one (its instance-table write conflict is ignored), so
/// a signal carried by the other start would be lost. Nor is it raised to a Pending instance: the provider discards an
/// event it dequeues before the instance has a history ("No such instance"), and it can hold a start message back.
/// So the starter waits for the instance to run, whichever start won, and then raises.
/// </remarks>
public static class OrchestrationStarter
{
    /// <summary>Statuses of an instance a start must not replace: the Azure Storage provider would otherwise start it over.</summary>
    private static readonly OrchestrationRuntimeStatus[] Live =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <summary>Starts before giving up, each after the instance completed under a raise: completing takes a quiet period.</summary>
    private const int Attempts = 3;

    /// <summary>How long a started instance may stay Pending before the message goes back to its queue.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    public static async Task HandOnAsync(DurableTaskClient durable, SignalEnvelope envelope, CancellationToken cancellationToken)
    {
        var instanceId = OrderOrchestration.InstanceId(envelope.Order);
        var body = OrderSyncJson.Serialize(envelope);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var status = (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken))?.RuntimeStatus;
            if (status is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended))
            {
                if (status is not OrchestrationRuntimeStatus.Pending) await StartAsync(durable, envelope, instanceId, cancellationToken);
                if (!await IsRunningAsync(durable, instanceId, cancellationToken)) continue;
            }
            if (await RaiseAsync(durable, instanceId, body, cancellationToken)) return;
        }
        throw new InvalidOperationException(
            $"Signal {envelope.Id} could not be handed to orchestration {instanceId}: it completed under {Attempts} raises.");
    }

    private static async Task StartAsync(DurableTaskClient durable, SignalEnvelope envelope, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                OrderOrchestrator.Name, OrderSyncJson.Serialize(new OrderRun(envelope.Order)),
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Live), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another caller (a second host over the same task hub) started it since the look above: the raise reaches that one.
        }
    }

    /// <summary>Raises the signal to the live instance; false when the instance has completed (it may have dropped it).</summary>
    private static async Task<bool> RaiseAsync(DurableTaskClient durable, string instanceId, string body, CancellationToken cancellationToken)
    {
        try
        {
            await durable.RaiseEventAsync(instanceId, OrderOrchestration.SignalEvent, body, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The engine refuses a raise to an orchestration that has just completed: the caller starts a new one.
            if (await IsLiveAsync(durable, instanceId, cancellationToken)) throw;
        }
        // One that completed just as the event came may have dropped it: the caller starts a new one and raises again (a
        // signal that did arrive is applied once anyway, as the saved order remembers it).
        return await IsLiveAsync(durable, instanceId, cancellationToken);
    }

    /// <summary>Waits while the instance is Pending; true when it then runs (or is suspended), false when it has completed.</summary>
    private static async Task<bool> IsRunningAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            return await durable.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, timeout.Token) is { IsCompleted: false };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Orchestration {instanceId} stayed Pending for {StartTimeout}: the engine has not run its start.");
        }
    }

    private static async Task<bool> IsLiveAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false };
}
