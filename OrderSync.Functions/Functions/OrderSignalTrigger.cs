using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OrderSync.Core.Orchestration.Durable;
using OrderSync.Core.Serialization;
using OrderSync.Core.Telemetry;

namespace OrderSync.Functions.Functions;

/// <summary>
/// Hands each signal to its order's orchestration. The session (= order key) keeps one order's signals one at a time. The
/// host settles the message: an exception abandons it, and the queue's max delivery count dead-letters it with the error.
/// </summary>
public sealed class OrderSignalTrigger(TimeProvider time)
{
    // IsBatched is spelled out: Worker.Extensions.ServiceBus 5.7.0 (the newest this project's package source serves) gives
    // it no default, and the Functions metadata generator throws without one.
    [Function("OrderSignals")]
    public async Task RunAsync(
        [ServiceBusTrigger("%OrderSync:ServiceBus:QueueName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, IsBatched = false)] string body,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var (envelope, error) = OrderSyncJson.TryDeserializeEnvelope(body);
        if (envelope is null) throw new InvalidOperationException(error);
        using var span = OrderSyncTelemetry.StartSignalActivity(envelope);
        OrderSyncTelemetry.SignalDequeued(envelope, time.GetUtcNow());
        await OrchestrationStarter.HandOnAsync(durable, envelope, cancellationToken);
    }
}
