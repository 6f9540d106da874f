using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Messaging;

/// <summary>A signal on its way to an order. <see cref="Id"/> is stable across redeliveries, so an order applies it once.</summary>
public sealed record SignalEnvelope(string Id, OrderKey Order, Signal Signal, SignalOrigin Origin);

/// <summary>Where a signal came from: the source, its topic and event id, and when it happened and arrived.</summary>
public sealed record SignalOrigin(string Source, string? Topic, string? EventId, DateTimeOffset? OccurredAt, DateTimeOffset ReceivedAt);
