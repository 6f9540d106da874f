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
    public static async Task<DurableScenarioRuntime> StartAsync(LifecycleWorld world) => new(await StartEngineAsync(world));

    /// <summary>The engine with Core's order orchestrator and activities over <paramref name="world"/> on its worker.</summary>
    public static Task<DurableTestEngine> StartEngineAsync(LifecycleWorld world) =>
        DurableTestEngine.StartAsync(r => r.AddOrderTasks(), services => services.AddSingleton(world.Activities()));

    public Task SendAsync(SignalEnvelope envelope) => OrchestrationStarter.HandOnAsync(engine.Client, envelope, CancellationToken.None);

    /// <summary>Ends the order's instance (see <see cref="DurableTestEngine.EndAsync"/>).</summary>
    public Task LetGoAsync(OrderKey order) => engine.EndAsync(OrderOrchestration.InstanceId(order));

    public Task<string?> TroubleAsync(OrderKey order) => engine.FailureOfAsync(OrderOrchestration.InstanceId(order));

    public ValueTask DisposeAsync() => engine.DisposeAsync();
}
