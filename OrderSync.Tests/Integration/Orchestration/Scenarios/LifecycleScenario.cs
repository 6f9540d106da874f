using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Sandbox.HttpVendor;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>One order's story, told the same way to every runtime: the steps played in turn, then what must hold once it settles.</summary>
public sealed record LifecycleScenario(string Name, ImmutableArray<ScenarioStep> Steps, ScenarioOutcome Then)
{
    public override string ToString() => Name;
}

public abstract record ScenarioStep
{
    /// <summary>The signal reaches the order through the runtime (a raised event, a queued message), with this delivery id.</summary>
    public sealed record Send(string SignalId, Func<OrderKey, Signal> Signal) : ScenarioStep;

    /// <summary>The HTTP vendor answers its next request of this kind ("create", "update"…) this way.</summary>
    public sealed record VendorFails(string RequestKind, HttpVendorFault Fault) : ScenarioStep;

    /// <summary>The next platform call throws an exception no platform client classifies.</summary>
    public sealed record CallBreaks : ScenarioStep;

    /// <summary>Waits until the HTTP vendor has received a request of this kind for the order: the command is in flight.</summary>
    public sealed record VendorReceives(string RequestKind) : ScenarioStep;

    /// <summary>Waits until every signal sent so far is applied and nothing is left to run, as a person would before the next act.</summary>
    public sealed record Settle : ScenarioStep;

    /// <summary>The runtime lets go of the order (a durable instance ends); later signals start afresh from the saved order.</summary>
    public sealed record RuntimeLetsGo : ScenarioStep;
}

/// <summary>
/// What holds once the order has settled (every signal sent applied, the outbox empty, no wake-up pending): its status, the
/// HTTP vendor's side, the open attention (a part of its reason), and a failure the timeline tells (null: no failure at all).
/// </summary>
public sealed record ScenarioOutcome(
    string Status, int VendorOrders = 1, int CreateRequests = 1, string? VendorNote = null, bool VendorCancelled = false,
    string? Attention = null, string? Failure = null);
