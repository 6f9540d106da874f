using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Serialization;
using OrderSync.Core.Telemetry;
using OrderSync.Functions.Orchestration;

namespace OrderSync.Functions.Functions;

/// <summary>
/// Hands each signal to its order's orchestration (instance id = order key): raised to it while it runs, or starting it
/// afresh from the saved state. The session (= order key) keeps one order's signals one at a time. The host settles the
/// message: an exception abandons it, and the queue's max delivery count dead-letters it with the error.
/// </summary>
public sealed class OrderSignalTrigger(TimeProvider time)
{
    [Function("OrderSignals")]
    public async Task RunAsync(
        [ServiceBusTrigger("%OrderSync:ServiceBus:QueueName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true)] string body,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (envelope, error) = OrderSyncJson.TryDeserializeEnvelope(body);
        if (envelope is null) throw new InvalidOperationException(error);
        using var span = OrderSyncTelemetry.StartSignalActivity(envelope);
        OrderSyncTelemetry.SignalDequeued(envelope, time.GetUtcNow());

        var instanceId = OrderOrchestration.InstanceId(envelope.Order);
        if (await IsRunningAsync(durable, instanceId, cancellationToken))
        {
            try
            {
                await durable.RaiseEventAsync(instanceId, OrderOrchestration.SignalEvent, body, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The host refuses a raise to an orchestration that has just completed: start a new one below.
                if (await IsRunningAsync(durable, instanceId, cancellationToken)) throw;
            }
            // One that completed just as the event came may have dropped it: start a new one with the signal (a signal
            // that did arrive is applied once anyway, as the saved order remembers it).
            if (await IsRunningAsync(durable, instanceId, cancellationToken)) return;
        }
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(OrderOrchestrator), OrderSyncJson.Serialize(new OrderRun(envelope.Order, envelope)), new StartOrchestrationOptions(instanceId), cancellationToken);
    }

    private static async Task<bool> IsRunningAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false };
}
