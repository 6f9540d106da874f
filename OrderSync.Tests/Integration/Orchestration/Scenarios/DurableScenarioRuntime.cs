using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orchestration.Durable;
using OrderSync.Core.Orders;
using OrderSync.Tests.Integration.Durable;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>
/// The Azure shell's runtime on the local durable engine: Core's orchestrator and activities (<c>AddOrderTasks</c>) on a
/// Durable Task worker, each signal handed on by <see cref="OrchestrationStarter"/> as the Service Bus trigger does.
/// </summary>
public sealed class DurableScenarioRuntime(DurableTestEngine engine) : IScenarioRuntime<DurableScenarioRuntime>
{
    public static async Task<DurableScenarioRuntime> StartAsync(LifecycleWorld world) =>
        new(await DurableTestEngine.StartAsync(r => r.AddOrderTasks(), services => services.AddSingleton(world.Activities())));

    public Task SendAsync(SignalEnvelope envelope) => OrchestrationStarter.HandOnAsync(engine.Client, envelope, CancellationToken.None);

    /// <summary>
    /// Ends the instance. An order's orchestration completes on its own only after the quiet period (3 days) of a finished
    /// order; terminating it leaves the engine in the state the starter meets then: an instance that is no longer running.
    /// </summary>
    public async Task LetGoAsync(OrderKey order)
    {
        var instanceId = OrderOrchestration.InstanceId(order);
        await engine.Client.TerminateInstanceAsync(instanceId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await engine.Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
    }

    public Task<string?> TroubleAsync(OrderKey order) => engine.FailureOfAsync(OrderOrchestration.InstanceId(order));

    public ValueTask DisposeAsync() => engine.DisposeAsync();
}
