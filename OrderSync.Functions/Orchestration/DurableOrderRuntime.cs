using Microsoft.DurableTask;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Functions.Orchestration;

/// <summary>
/// <see cref="IOrderRuntime"/> on Durable Functions: activities with a durable retry policy, the decider's wake-up as a
/// durable timer, signals as external events. Everything crosses as OrderSync JSON strings, so the polymorphic signal
/// and command types keep their shape whatever serializer the worker is configured with.
/// </summary>
internal sealed class DurableOrderRuntime(TaskOrchestrationContext context) : IOrderRuntime
{
    /// <summary>For failures the platform clients did not classify (a storage outage, a crashed host): 5 tries over ~1 minute.</summary>
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<StoredOrder> LoadAsync(OrderKey order) =>
        OrderSyncJson.Deserialize<StoredOrder>(await context.CallActivityAsync<string>(nameof(OrderActivities.LoadOrder), order.ToString(), Retried));

    public async Task<SyncSettings> ReadSettingsAsync(string shop) =>
        OrderSyncJson.Deserialize<SyncSettings>(await context.CallActivityAsync<string>(nameof(OrderActivities.ReadSettings), shop, Retried));

    public async Task<Signal> ExecuteAsync(CommandRequest request) =>
        OrderSyncJson.Deserialize<Signal>(await context.CallActivityAsync<string>(nameof(OrderActivities.ExecuteCommand), OrderSyncJson.Serialize(request), Retried));

    public Task<string?> SaveAsync(OrderSave save) =>
        context.CallActivityAsync<string?>(nameof(OrderActivities.SaveOrder), OrderSyncJson.Serialize(save), Retried);

    public async Task<SignalEnvelope?> NextSignalAsync(DateTimeOffset? until)
    {
        using var stopWaiting = new CancellationTokenSource();
        var signal = context.WaitForExternalEvent<string>(OrderOrchestration.SignalEvent, stopWaiting.Token);
        if (until is { } at && await Task.WhenAny(signal, context.CreateTimer(at.UtcDateTime, stopWaiting.Token)) != signal)
        {
            // A signal raised later is kept by the runtime for the next wait, even though this one is cancelled.
            stopWaiting.Cancel();
            return null;
        }
        var body = await signal;
        stopWaiting.Cancel();
        return OrderSyncJson.Deserialize<SignalEnvelope>(body);
    }

    public void ContinueAsNew(OrderRun next) => context.ContinueAsNew(OrderSyncJson.Serialize(next));
}
