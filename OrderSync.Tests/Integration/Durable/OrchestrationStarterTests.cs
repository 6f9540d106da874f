using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orchestration.Durable;
using OrderSync.Core.Orders;
using OrderSync.Tests.Integration.Orchestration.Scenarios;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Durable;

/// <summary>
/// Start-or-raise (<see cref="OrchestrationStarter"/>) against the durable engine's own client, with Core's orchestrator and
/// activities on its worker: whatever state the order's instance is in, the signal is handled, by one instance at a time.
/// </summary>
[TestClass]
public sealed class OrchestrationStarterTests
{
    private static LifecycleWorld _world = null!;
    private static DurableTestEngine _engine = null!;
    private OrderKey _order = null!;
    private readonly ConcurrentQueue<string> _sent = [];

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        _world = await LifecycleWorld.StartAsync();
        _engine = await DurableScenarioRuntime.StartEngineAsync(_world);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await _engine.DisposeAsync();
        await _world.DisposeAsync();
    }

    [TestInitialize]
    public void NewOrder() => _order = _world.NewOrder();

    private string InstanceId => OrderOrchestration.InstanceId(_order);

    [TestMethod]
    public async Task With_no_instance_it_starts_one_that_handles_the_signal()
    {
        Assert.IsNull(await _engine.Client.GetInstanceAsync(InstanceId));

        await HandOnAsync(_engine.Client, Create);

        var saved = await SettledAsync();
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved.Record.State));
        Assert.IsFalse((await InstanceAsync()).IsCompleted, "the instance waits for the order's next signal");
    }

    [TestMethod]
    public async Task With_a_running_instance_it_raises_the_signal_to_it_and_starts_no_other()
    {
        await PushedAsync();
        var running = await InstanceAsync();

        await HandOnAsync(_engine.Client, RingTwice);

        await SettledAsync();
        Assert.AreEqual("ring twice", _world.EffectsOn(_order).Note);
        var after = await InstanceAsync();
        Assert.AreEqual((running.CreatedAt, OrchestrationRuntimeStatus.Running), (after.CreatedAt, after.RuntimeStatus), "the same instance, still running");
    }

    [TestMethod]
    public async Task With_a_finished_instance_it_starts_a_new_one_from_the_saved_order()
    {
        var ended = await PushedAndEndedAsync();

        await HandOnAsync(_engine.Client, RingTwice);

        await SettledAsync();
        var effects = _world.EffectsOn(_order);
        Assert.AreEqual(("ring twice", 1, 1), (effects.Note, effects.Orders, effects.CreateRequests), "the new instance knew the vendor order: it updated it and pushed nothing");
        var started = await InstanceAsync();
        Assert.IsFalse(started.IsCompleted);
        Assert.IsGreaterThan(ended.CreatedAt, started.CreatedAt, "a new instance");
    }

    [TestMethod]
    public async Task A_signal_raised_to_an_instance_that_has_just_ended_is_handled_by_a_new_one()
    {
        var ended = await PushedAndEndedAsync();

        await HandOnAsync(new FirstReadSaysRunningClient(_engine.Client), RingTwice);

        await SettledAsync();
        Assert.AreEqual("ring twice", _world.EffectsOn(_order).Note);
        Assert.IsGreaterThan(ended.CreatedAt, (await InstanceAsync()).CreatedAt, "a new instance took the signal the ended one could not");
    }

    [TestMethod]
    public async Task Two_callers_handing_on_an_order_s_first_signals_at_once_have_both_handled_by_one_instance()
    {
        // As two hosts over one task hub: both find no instance and start one; the provider keeps one start.
        await Task.WhenAll(HandOnAsync(_engine.Client, Create), HandOnAsync(_engine.Client, RingTwice));

        var saved = await SettledAsync();
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved.Record.State));
        var effects = _world.EffectsOn(_order);
        Assert.AreEqual(("ring twice", 1), (effects.Note, effects.Orders), "both signals applied, to one vendor order");
        Assert.AreEqual(OrchestrationRuntimeStatus.Running, (await InstanceAsync()).RuntimeStatus);
    }

    private (string Id, Signal Signal) Create => ("create", new OrderPlaced(LifecycleWorld.Mugs(_order).Build()));

    private (string Id, Signal Signal) RingTwice => ("note", new OrderUpdated(LifecycleWorld.Mugs(_order, minutes: 5).WithNote("ring twice").Build()));

    private async Task HandOnAsync(DurableTaskClient client, (string Id, Signal Signal) signal)
    {
        await OrchestrationStarter.HandOnAsync(client, LifecycleWorld.Envelope(_order, signal.Id, signal.Signal), CancellationToken.None);
        _sent.Enqueue(signal.Id);
    }

    private async Task PushedAsync()
    {
        await HandOnAsync(_engine.Client, Create);
        await SettledAsync();
    }

    /// <summary>The order pushed, then its instance ended (see <see cref="DurableTestEngine.EndAsync"/>).</summary>
    private async Task<OrchestrationMetadata> PushedAndEndedAsync()
    {
        await PushedAsync();
        return await _engine.EndAsync(InstanceId);
    }

    private Task<StoredOrder> SettledAsync() => _world.SettledAsync(_order, _sent, () => _engine.FailureOfAsync(InstanceId));

    private async Task<OrchestrationMetadata> InstanceAsync() =>
        await _engine.Client.GetInstanceAsync(InstanceId) ?? throw new AssertFailedException($"no instance {InstanceId}");

}
