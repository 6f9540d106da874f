using Microsoft.DurableTask;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;

using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>
/// <see cref="IOrderRuntime"/> on Durable Functions: activities with a durable retry policy, the decider's wake-up as a
/// durable timer, signals as external events. Everything crosses as OrderSync JSON strings, so the polymorphic signal
/// and command types keep their shape whatever serializer the worker is configured with.
/// </summary>
public sealed class DurableOrderRuntime(TaskOrchestrationContext context) : IOrderRuntime
{
    /// <summary>For failures the platform clients did not classify (a storage outage, a crashed host): 5 tries over ~1 minute.</summary>
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<StoredOrder> LoadAsync(OrderKey order) =>
        OrderSyncJson.Deserialize<StoredOrder>(await context.CallActivityAsync<string>(OrderActivities.LoadOrder, order.ToString(), Retried));

    public async Task<SyncSettings> ReadSettingsAsync(string shop) =>
        OrderSyncJson.Deserialize<SyncSettings>(await context.CallActivityAsync<string>(OrderActivities.ReadSettings, shop, Retried));

    public async Task<Signal> ExecuteAsync(CommandRequest request) =>
        OrderSyncJson.Deserialize<Signal>(await context.CallActivityAsync<string>(OrderActivities.ExecuteCommand, OrderSyncJson.Serialize(request), Retried));

    public Task<string?> SaveAsync(OrderSave save) =>
        context.CallActivityAsync<string?>(OrderActivities.SaveOrder, OrderSyncJson.Serialize(save), Retried);

    /// <summary>
    /// The one open wait for a signal. It is never cancelled: the runtime can hand an event to a cancelled wait and lose it
    /// (durabletask-dotnet #508, fixed only in later workers), so a wait the timer beat stays open for the next call.
    /// </summary>
    private Task<string>? _signal;

    public async Task<SignalEnvelope?> NextSignalAsync(DateTimeOffset? until)
    {
        _signal ??= context.WaitForExternalEvent<string>(OrderOrchestration.SignalEvent);
        if (until is { } at)
        {
            using var stopTimer = new CancellationTokenSource();
            if (await Task.WhenAny(_signal, context.CreateTimer(at.UtcDateTime, stopTimer.Token)) != _signal) return null;
            stopTimer.Cancel();
        }
        var body = await _signal;
        _signal = null;
        return OrderSyncJson.Deserialize<SignalEnvelope>(body);
    }

    /// <summary>A signal the open wait already took goes with the new generation as its first, rather than being lost.</summary>
    public void ContinueAsNew(OrderRun next)
    {
        if (_signal is { IsCompletedSuccessfully: true } taken) next = next with { First = OrderSyncJson.Deserialize<SignalEnvelope>(taken.Result) };
        context.ContinueAsNew(OrderSyncJson.Serialize(next));
    }
}
