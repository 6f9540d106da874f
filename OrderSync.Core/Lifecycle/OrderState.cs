using System.Collections.Immutable;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>Everything OrderSync knows of one merchant order and of its vendor sub-orders.</summary>
public sealed record OrderState(
    OrderKey Key,
    Order? Order,
    ImmutableArray<SubOrder> SubOrders,
    ImmutableArray<UnroutedLine> Unrouted)
{
    public static OrderState Empty(OrderKey key) => new(key, null, [], []);

    /// <summary>The earliest moment something is due: the decider's wake-at.</summary>
    public DateTimeOffset? NextWakeAt() =>
        SubOrders.Select(s => s.Retry?.NextAttemptAt).Where(t => t is not null).Min();

    public OrderState With(SubOrder changed) =>
        this with { SubOrders = SubOrders.Select(s => s.VendorId == changed.VendorId ? changed : s).ToImmutableArray() };
}

/// <summary>The part of an order one vendor fulfils, and where it stands.</summary>
public sealed record SubOrder(
    string VendorId,
    ImmutableArray<RoutedLine> Lines,
    SubOrderStatus Status,
    string? Reason = null,
    string? VendorOrderId = null,
    string? VendorOrderName = null,
    RetryState? Retry = null);

public enum SubOrderStatus
{
    /// <summary>Not pushed, and waiting for something named in the reason (payment, settings, a mapping).</summary>
    Held,
    /// <summary>A push is in flight, or waiting for its next attempt.</summary>
    Pushing,
    Pushed,
    /// <summary>Needs a person: the reason says why; an operator retry resumes it.</summary>
    Failed,
}

/// <summary>Transient failures of the current command so far, and when it is next tried.</summary>
public sealed record RetryState(int Attempts, DateTimeOffset FirstFailureAt, DateTimeOffset? NextAttemptAt, string LastError);
