using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Local.Durable;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Durable;

/// <summary>
/// The local durable engine (the Azure Storage provider on Azurite, in a task hub of its own) with a Durable Task worker
/// and client over its loopback gRPC channel, in a host that tests start once per class.
/// </summary>
public sealed class DurableTestEngine : IAsyncDisposable
{
    private readonly DurableEngine _engine;
    private readonly IHost _host;

    private DurableTestEngine(DurableEngine engine, IHost host) => (_engine, _host) = (engine, host);

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts the engine and a worker with <paramref name="tasks"/>, its activities resolved from <paramref name="services"/>.</summary>
    public static async Task<DurableTestEngine> StartAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection>? services = null)
    {
        var options = new DurableEngineOptions
        {
            ConnectionString = await TestAzurite.ConnectionStringAsync(),
            TaskHub = "Test" + Guid.NewGuid().ToString("N")[..12],
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            PartitionCount = 1,
        };
        var engine = await DurableEngine.StartAsync(DurableEngine.AzureStorage(options, NullLoggerFactory.Instance), NullLoggerFactory.Instance, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        services?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(w => w.UseGrpc(engine.Channel).AddTasks(tasks));
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(engine.Channel));
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestEngine(engine, host);
    }

    /// <summary>The instance as the engine has it now; a failed one (a non-determinism error among others) with its failure.</summary>
    public async Task<string?> FailureOfAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { RuntimeStatus: OrchestrationRuntimeStatus.Failed } failed
            ? $"orchestration {instanceId} failed: {failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage} {failed.SerializedOutput}\n{failed.FailureDetails?.StackTrace}"
            : null;

    /// <summary>
    /// Ends the instance and answers it ended. An order's orchestration completes on its own only after the quiet period
    /// (3 days) of a finished order; terminating it leaves the engine as the starter then finds it: no longer running.
    /// </summary>
    public async Task<OrchestrationMetadata> EndAsync(string instanceId)
    {
        await Client.TerminateInstanceAsync(instanceId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _engine.DisposeAsync();
    }
}
