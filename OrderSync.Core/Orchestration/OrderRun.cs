using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Orchestration;

/// <summary>
/// The input of an order's orchestration: the order, and a signal the previous generation took but did not handle (a start
/// never carries one: the starter raises every signal, see <see cref="Durable.OrchestrationStarter"/>).
/// </summary>
public sealed record OrderRun(OrderKey Order, SignalEnvelope? First = null);

/// <summary>A decision to save over the version <see cref="ETag"/> (null: the order is new), with its timeline lines.</summary>
public sealed record OrderSave(string? ETag, OrderRecord Next, ImmutableArray<TimelineEntry> Appended);
