using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>Plays a scenario's steps for one order on one runtime, and checks its outcome once the order has settled.</summary>
internal sealed class ScenarioPlay<TRuntime>(LifecycleWorld world, TRuntime runtime, OrderKey order) where TRuntime : IScenarioRuntime<TRuntime>
{
    /// <summary>Long enough for the decider's first retry (30 s) on a busy machine; a passing run never waits it out.</summary>
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(90);

    private readonly List<string> _sent = [];

    public async Task PlayAsync(ScenarioStep step)
    {
        switch (step)
        {
            case ScenarioStep.Send send:
                await runtime.SendAsync(LifecycleWorld.Envelope(order, send.SignalId, send.Signal(order)));
                _sent.Add(send.SignalId);
                break;
            case ScenarioStep.VendorFails fails:
                world.VendorApi.FailNext(fails.RequestKind, fails.Fault);
                break;
            case ScenarioStep.CallBreaks:
                world.Failures.ArmOnce();
                break;
            case ScenarioStep.VendorReceives receives:
                await Eventually.GetAsync(() => Task.FromResult(world.VendorApi.Received.Any(r => r.Kind == receives.RequestKind && r.Body.Contains(order.ToString()))),
                    received => received, $"the vendor to receive a {receives.RequestKind} request for {order}");
                break;
            case ScenarioStep.Settle:
                await SettledAsync();
                break;
            case ScenarioStep.RuntimeLetsGo:
                await runtime.LetGoAsync(order);
                break;
            default:
                throw new AssertFailedException($"no way to play {step}");
        }
    }

    public async Task VerifyAsync(ScenarioOutcome then)
    {
        var state = (await SettledAsync()).Record.State;
        var timeline = await world.Orders.ReadTimelineAsync(order, CancellationToken.None);
        var told = string.Join("\n", timeline.Select(t => $"{t.Kind}: {t.Summary} {t.Error}"));
        var vendor = world.EffectsOn(order);

        Assert.AreEqual(then.Status, OrderStatus.Of(state), told);
        Assert.AreEqual(then.VendorOrders, vendor.Orders, "orders at the vendor");
        Assert.AreEqual(then.CreateRequests, vendor.CreateRequests, "create requests the vendor received");
        Assert.AreEqual(then.VendorNote, vendor.Note, "the note the vendor holds");
        Assert.AreEqual(then.VendorCancelled, vendor.Cancelled, "the vendor's order cancelled");
        var attention = state.OpenAttention.Select(a => a.Reason).ToList();
        if (then.Attention is null) Assert.IsEmpty(attention, string.Join(" | ", attention));
        else Assert.IsTrue(attention.Any(a => a.Contains(then.Attention)), $"attention {then.Attention}: {string.Join(" | ", attention)}");
        var failures = timeline.Where(t => t.Error is not null).Select(t => t.Error!).ToList();
        if (then.Failure is null) Assert.IsEmpty(failures, told);
        else Assert.IsTrue(failures.Any(f => f.Contains(then.Failure)), told);
    }

    private Task<StoredOrder> SettledAsync() => world.SettledAsync(order, _sent, () => runtime.TroubleAsync(order), SettleWithin);
}
