using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace OrderSync.Tests.Integration.Durable;

/// <summary>
/// The engine's client, passed through call for call, except that its first look at an instance reports it running
/// although it has ended: the starter then raises to an instance that has just completed, as in a race with its end.
/// </summary>
internal sealed class FirstReadSaysRunningClient(DurableTaskClient inner) : DurableTaskClient(inner.Name)
{
    private int _reads;

    public override DurableEntityClient Entities => inner.Entities;

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var actual = await inner.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
        return Interlocked.Increment(ref _reads) == 1 && actual is not null
            ? new OrchestrationMetadata(actual.Name, actual.InstanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Running, CreatedAt = actual.CreatedAt, LastUpdatedAt = actual.LastUpdatedAt }
            : actual;
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        inner.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    public override Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default) =>
        inner.RewindInstanceAsync(instanceId, reason, cancellation);

    public override Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        inner.GetOrchestrationHistoryAsync(instanceId, cancellation);

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => inner.GetAllInstancesAsync(filter);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task<Page<string>> ListInstanceIdsAsync(IEnumerable<OrchestrationRuntimeStatus>? runtimeStatus = null, DateTimeOffset? completedTimeFrom = null,
        DateTimeOffset? completedTimeTo = null, int pageSize = OrchestrationQuery.DefaultPageSize, string? lastInstanceKey = null, CancellationToken cancellation = default) =>
        inner.ListInstanceIdsAsync(runtimeStatus, completedTimeFrom, completedTimeTo, pageSize, lastInstanceKey, cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask; // the engine owns the inner client
}
