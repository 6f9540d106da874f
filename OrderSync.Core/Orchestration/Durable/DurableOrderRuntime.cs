using System.Text.Json;
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
    /// <summary>
    /// For failures the platform clients did not classify (a storage outage, a crashed host): 5 tries over ~1 minute. Not
    /// for a record that cannot be read (a damaged one) or was saved by something else: another try meets the same record.
    /// </summary>
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30))
    {
        HandleFailure = failure => !failure.IsCausedBy<JsonException>() && !failure.IsCausedBy<OrderConcurrencyException>(),
    });

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<StoredOrder> LoadAsync(OrderKey order) =>
        OrderSyncJson.Deserialize<StoredOrder>(await CallAsync<string>(OrderActivities.LoadOrder, order.ToString()));

    public async Task<SyncSettings> ReadSettingsAsync(string shop) =>
        OrderSyncJson.Deserialize<SyncSettings>(await CallAsync<string>(OrderActivities.ReadSettings, shop));

    public async Task<Signal> ExecuteAsync(CommandRequest request) =>
        OrderSyncJson.Deserialize<Signal>(await CallAsync<string>(OrderActivities.ExecuteCommand, OrderSyncJson.Serialize(request)));

    public Task<string?> SaveAsync(OrderSave save) => CallAsync<string?>(OrderActivities.SaveOrder, OrderSyncJson.Serialize(save));

    public Task SetAsideAsync(SignalEnvelope envelope, string error) =>
        CallAsync<string>(OrderActivities.SetSignalAside, OrderSyncJson.Serialize(new SignalSetAside(envelope, error)));

    /// <summary>An activity that failed past its retries surfaces with the error it failed with, named as its type names it.</summary>
    private async Task<T> CallAsync<T>(string activity, string input)
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input, Retried);
        }
        catch (TaskFailedException e)
        {
            var details = e.FailureDetails;
            throw new InvalidOperationException($"{activity} failed: {details.ErrorType.Split('.')[^1]}: {details.ErrorMessage}", e);
        }
    }

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
