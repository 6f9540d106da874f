namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>The lifecycle scenarios, each on a new order, on one runtime started once for the derived class's tests.</summary>
public abstract class LifecycleScenarioTests<TRuntime> where TRuntime : IScenarioRuntime<TRuntime>
{
    private static LifecycleWorld _world = null!;
    private static TRuntime _runtime = default!;

    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task StartAsync(TestContext _)
    {
        _world = await LifecycleWorld.StartAsync();
        _runtime = await TRuntime.StartAsync(_world);
    }

    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task StopAsync()
    {
        await _runtime.DisposeAsync();
        await _world.DisposeAsync();
    }

    [TestMethod]
    [DynamicData(nameof(LifecycleScenarios.All), typeof(LifecycleScenarios))]
    public async Task The_scenario_ends_as_expected(LifecycleScenario scenario)
    {
        var play = new ScenarioPlay<TRuntime>(_world, _runtime, _world.NewOrder());

        foreach (var step in scenario.Steps) await play.PlayAsync(step);

        await play.VerifyAsync(scenario.Then);
    }
}

/// <summary>The scenarios on the durable engine (the Azure Storage provider on Azurite): Core's orchestrator and activities.</summary>
[TestClass]
public sealed class DurableEngineLifecycleTests : LifecycleScenarioTests<DurableScenarioRuntime>;

/// <summary>The scenarios on the local shell's queue worker over a Storage Queue on Azurite: Core's outbox processor.</summary>
[TestClass]
public sealed class QueueWorkerLifecycleTests : LifecycleScenarioTests<QueueWorkerScenarioRuntime>;
