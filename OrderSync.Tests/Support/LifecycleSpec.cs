using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Support;

/// <summary>
/// Given / When / Then for <see cref="OrderLifecycle.Decide"/>: folds the given signals from an empty order state,
/// each at the spec's clock, then decides on the "when" signal. <see cref="After"/> moves the clock forward.
/// </summary>
public sealed class LifecycleSpec
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private SyncSettings _settings;

    private LifecycleSpec(OrderKey key, SyncSettings settings)
    {
        _settings = settings;
        State = OrderState.Empty(key);
    }

    /// <summary>The order state after the given signals: what "when" is decided on.</summary>
    public OrderState State { get; private set; }

    public DateTimeOffset Now { get; private set; } = Start;

    public static LifecycleSpec For(SyncSettings settings, OrderKey? key = null) =>
        new(key ?? OrderBuilder.AnOrder().Build().Key, settings);

    public LifecycleSpec Given(params Signal[] signals)
    {
        foreach (var signal in signals) State = OrderLifecycle.Decide(State, signal, _settings, Now).State;
        return this;
    }

    public LifecycleSpec After(TimeSpan elapsed)
    {
        Now += elapsed;
        return this;
    }

    public LifecycleSpec At(DateTimeOffset now)
    {
        Now = now;
        return this;
    }

    /// <summary>The merchant changes their settings: later signals are decided under these.</summary>
    public LifecycleSpec WithSettings(SyncSettings settings)
    {
        _settings = settings;
        return this;
    }

    public Decision When(Signal signal) => OrderLifecycle.Decide(State, signal, _settings, Now);
}
