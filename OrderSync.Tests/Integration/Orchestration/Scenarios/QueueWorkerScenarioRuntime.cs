using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Local.Worker;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>
/// The local shell's runtime: signals on a Storage Queue on Azurite, pumped by its <see cref="SignalQueueWorker"/> into
/// Core's <see cref="OrderSignalProcessor"/> (the outbox, command claims, wake-ups as delayed messages).
/// </summary>
public sealed class QueueWorkerScenarioRuntime(StorageQueueSignalQueue queue, SignalQueueWorker worker) : IScenarioRuntime<QueueWorkerScenarioRuntime>
{
    /// <summary>Short, as the end-to-end tests have them: a failed delivery comes back in 4 s, a command's claim lapses in 2.</summary>
    private static readonly WorkerOptions Options = new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(4), CommandLease = TimeSpan.FromSeconds(2), MaxIdleDelay = TimeSpan.FromMilliseconds(200),
    };

    public static async Task<QueueWorkerScenarioRuntime> StartAsync(LifecycleWorld world)
    {
        var queue = new StorageQueueSignalQueue(TestStorage.Wrap(world.Storage));
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var processor = new OrderSignalProcessor(world.Orders, world.Directory, world.Executor, queue, TestStorage.Wrap(Options), TimeProvider.System,
            NullLogger<OrderSignalProcessor>.Instance);
        var worker = new SignalQueueWorker(queue, processor, TestStorage.Wrap(Options), TimeProvider.System, NullLogger<SignalQueueWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return new QueueWorkerScenarioRuntime(queue, worker);
    }

    public Task SendAsync(SignalEnvelope envelope) => queue.EnqueueAsync(envelope);

    /// <summary>Nothing to let go of: every message reads the saved order.</summary>
    public Task LetGoAsync(OrderKey order) => Task.CompletedTask;

    public async Task<string?> TroubleAsync(OrderKey order) =>
        (await queue.ListAsync(32, CancellationToken.None)).FirstOrDefault(p => p.Order == order) is { } poisoned
            ? $"signal {poisoned.SignalId} of order {order} was moved to the poison queue: {poisoned.Error}"
            : null;

    public async ValueTask DisposeAsync()
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
    }
}
