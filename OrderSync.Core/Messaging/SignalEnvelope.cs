using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Messaging;

/// <summary>A signal on its way to an order. <see cref="Id"/> is stable across redeliveries, so an order applies it once.</summary>
/// <param name="Trace">The trace context of the span that queued it, set by the queue when it is sent; absent in messages
/// queued before it existed, which stay readable.</param>
public sealed record SignalEnvelope(string Id, OrderKey Order, Signal Signal, SignalOrigin Origin, SignalTrace? Trace = null)
{
    /// <summary>As a queue sends it: carrying the trace context of the span that queues it, unless it has one already.</summary>
    public SignalEnvelope Traced() => Trace is null ? this with { Trace = SignalTrace.Capture() } : this;

    /// <summary>The signal that records this one as given up on (poisoned, or thrown on by the decider), with the error.</summary>
    public SignalAbandoned Abandoned(string error) => new(Id, Signal.GetType().Name, error);
}

/// <summary>Where a signal came from: the source, its topic and event id, and when it happened and arrived.</summary>
public sealed record SignalOrigin(string Source, string? Topic, string? EventId, DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt);
