using System.Collections.Immutable;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>Everything OrderSync knows of one merchant order: its vendor sub-orders, its payment, the work in flight, what needs a person.</summary>
public sealed record OrderState(
    OrderKey Key,
    Order? Order,
    ImmutableArray<SubOrder> SubOrders,
    ImmutableArray<UnroutedLine> Unrouted,
    PaymentLedger Payment,
    ImmutableArray<Work> Work,
    ImmutableArray<Attention> Attention,
    ImmutableArray<string> AppliedEdits)
{
    public static OrderState Empty(OrderKey key) => new(key, null, [], [], PaymentLedger.None, [], [], []);

    /// <summary>The earliest moment something is due (a retry's next attempt): the decider's wake-at.</summary>
    public DateTimeOffset? NextWakeAt() =>
        Work.Where(w => w.Status == WorkStatus.WaitingToRetry).Select(w => w.Retry?.NextAttemptAt).Min();

    public SubOrder? SubOrder(string vendorId) => SubOrders.FirstOrDefault(s => s.VendorId == vendorId);

    /// <summary>This state with <paramref name="changed"/> in place of the sub-order of the same vendor (added when new).</summary>
    public OrderState With(SubOrder changed) => this with
    {
        SubOrders = SubOrders.Any(s => s.VendorId == changed.VendorId)
            ? [.. SubOrders.Select(s => s.VendorId == changed.VendorId ? changed : s)]
            : [.. SubOrders.Add(changed).OrderBy(s => s.VendorId, StringComparer.Ordinal)],
    };

    public Work? WorkFor(string slot) => Work.FirstOrDefault(w => w.Slot == slot);

    public OrderState WithWork(Work work) => this with { Work = [.. Work.Where(w => w.Slot != work.Slot), work] };

    public OrderState WithoutWork(string slot) => this with { Work = [.. Work.Where(w => w.Slot != slot)] };

    public IEnumerable<Attention> OpenAttention => Attention.Where(a => a.AcknowledgedBy is null);
}

/// <summary>The part of an order one vendor fulfils, and where it stands.</summary>
/// <param name="Lines">The lines the vendor holds (or will get when pushed).</param>
/// <param name="Sent">The order-level details the vendor holds, once pushed.</param>
/// <param name="Revision">How many changes (updates, line edits) OrderSync has sent to this vendor order: it numbers their keys.</param>
public sealed record SubOrder(
    string VendorId,
    ImmutableArray<RoutedLine> Lines,
    SubOrderStatus Status,
    string? Reason,
    string? VendorOrderId,
    string? VendorOrderName,
    VendorOrderDetails? Sent,
    ImmutableArray<ShipmentRecord> Shipments,
    int Revision)
{
    public static SubOrder Create(string vendorId, ImmutableArray<RoutedLine> lines, SubOrderStatus status, string? reason = null) =>
        new(vendorId, lines, status, reason, null, null, null, [], 0);

    /// <summary>Units of a merchant line the vendor has shipped so far.</summary>
    public int Shipped(string merchantLineId) =>
        Shipments.SelectMany(s => s.Lines).Where(l => l.MerchantLineId == merchantLineId).Sum(l => l.Quantity);

    public bool AllShipped => !Lines.IsEmpty && Lines.All(l => Shipped(l.MerchantLineId) >= l.Quantity);

    /// <summary>While cancelling a sub-order never confirmed pushed: the push that failed without an answer, whose order the vendor is asked for.</summary>
    public string? UnconfirmedPushId { get; init; }
}

public enum SubOrderStatus
{
    /// <summary>Not pushed, and waiting for something named in the reason (payment, settings, a valid address).</summary>
    Held,

    /// <summary>To be pushed: a push is in flight, or waiting for its next attempt.</summary>
    Pushing,

    /// <summary>The vendor holds it and has not shipped all of it.</summary>
    Pushed,

    /// <summary>The vendor shipped every line.</summary>
    Shipped,

    /// <summary>To be cancelled at the vendor: the reason says why.</summary>
    Cancelling,

    /// <summary>Cancelled (at the vendor, or before it was ever pushed): the reason says why.</summary>
    Cancelled,

    /// <summary>The push failed and needs a person: the reason says why; an operator retry resumes it.</summary>
    Failed,
}

/// <summary>One shipment of a sub-order: its tracking, the merchant lines it holds, and what each target was told of it.</summary>
public sealed record ShipmentRecord(
    string ShipmentId,
    Tracking Tracking,
    ImmutableArray<FulfilledLine> Lines,
    DateTimeOffset ShippedAt,
    ImmutableArray<TrackingReport> Reports)
{
    public TrackingReport? ReportTo(TrackingTarget target) => Reports.FirstOrDefault(r => r.Target == target);
}

/// <summary>Where a shipment's tracking is reported.</summary>
public enum TrackingTarget
{
    /// <summary>A fulfillment with tracking on the merchant's Shopify order.</summary>
    Shopify,

    /// <summary>A tracker on the PayPal capture.</summary>
    PayPal,

    /// <summary>Shipping carrier and tracking number on the Stripe PaymentIntent.</summary>
    Stripe,
}

/// <summary>What a target holds of a shipment: the tracking it was sent and its own id for it (fulfillment, tracker).</summary>
public sealed record TrackingReport(TrackingTarget Target, Tracking Sent, string? Reference, int Revision);

/// <summary>What OrderSync has heard of the order's money, from whichever platform said it first.</summary>
/// <param name="Reversal">Set when the payment was refunded, reversed, voided or disputed: what happened and who said so.</param>
/// <param name="ReferencesSought">The merchant order's transactions were read for payment references (once is enough).</param>
public sealed record PaymentLedger(bool Captured, string? Reversal, string? PayPalCaptureId, string? StripePaymentIntentId, bool ReferencesSought = false)
{
    public static PaymentLedger None { get; } = new(false, null, null, null);
}

/// <summary>A command the decider issued and has not settled: in flight, waiting for its next attempt, or failed.</summary>
/// <param name="Slot">What the command acts on (a vendor order, a shipment's report to one target): one command per slot at a time.</param>
public sealed record Work(string Slot, Command Command, WorkStatus Status, RetryState? Retry = null, string? Reason = null);

public enum WorkStatus
{
    InFlight,
    WaitingToRetry,

    /// <summary>Gave up (permanent failure, or the retry budget ran out): needs a person; an operator retry resumes it.</summary>
    Failed,
}

/// <summary>Transient failures of the slot's command so far, and when it is next tried.</summary>
public sealed record RetryState(int Attempts, DateTimeOffset FirstFailureAt, DateTimeOffset? NextAttemptAt, string LastError);

/// <summary>Something only a person can settle, with why; an operator acknowledges it (with a retry).</summary>
public sealed record Attention(string Key, string Reason, DateTimeOffset At, string? AcknowledgedBy = null);

/// <summary>Names of the slots work is serialized on.</summary>
public static class Slots
{
    public static string Vendor(string vendorId) => $"vendor:{vendorId}";

    public const string PaymentReferences = "payment-references";

    public static string Report(string vendorId, string shipmentId, TrackingTarget target) => $"report:{vendorId}:{shipmentId}:{target}";
}
