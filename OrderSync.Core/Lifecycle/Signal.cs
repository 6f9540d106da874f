using System.Collections.Immutable;
using System.Text.Json.Serialization;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Lifecycle;

/// <summary>Something that happened to an order: a webhook, a command's outcome, a timer, an operator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderPlaced), "orderPlaced")]
[JsonDerivedType(typeof(VendorOrderCreated), "vendorOrderCreated")]
[JsonDerivedType(typeof(CommandFailed), "commandFailed")]
[JsonDerivedType(typeof(WakeUp), "wakeUp")]
[JsonDerivedType(typeof(OperatorRetry), "operatorRetry")]
[JsonDerivedType(typeof(OrderUpdated), "orderUpdated")]
[JsonDerivedType(typeof(OrderEdited), "orderEdited")]
[JsonDerivedType(typeof(OrderCancelled), "orderCancelled")]
[JsonDerivedType(typeof(PaymentReported), "paymentReported")]
[JsonDerivedType(typeof(VendorShipped), "vendorShipped")]
[JsonDerivedType(typeof(VendorOrderCancelled), "vendorOrderCancelled")]
[JsonDerivedType(typeof(CommandSucceeded), "commandSucceeded")]
[JsonDerivedType(typeof(OperatorReevaluate), "operatorReevaluate")]
[JsonDerivedType(typeof(PaymentReferencesFound), "paymentReferencesFound")]
[JsonDerivedType(typeof(SignalAbandoned), "signalAbandoned")]
public abstract record Signal;

/// <summary>The merchant store reported a new order (Shopify orders/create).</summary>
public sealed record OrderPlaced(Order Order) : Signal;

/// <summary>The merchant store reported the order as it now is (Shopify orders/updated, orders/paid: a full snapshot).</summary>
public sealed record OrderUpdated(Order Order) : Signal;

/// <summary>The goods sold changed (Shopify orders/edited): merchant line ids with the quantity added or removed.</summary>
public sealed record OrderEdited(string? EditId, ImmutableArray<LineDelta> Additions, ImmutableArray<LineDelta> Removals, DateTimeOffset At) : Signal;

public sealed record LineDelta(string LineId, int Delta);

/// <summary>The merchant cancelled the order (Shopify orders/cancelled, which carries the whole order).</summary>
public sealed record OrderCancelled(Order Order, string? Reason) : Signal
{
    [JsonIgnore] public DateTimeOffset At => Order.CancelledAt ?? Order.UpdatedAt;
}

/// <summary>A payment platform (or the store) reported what happened to the money.</summary>
/// <param name="Reference">The platform's id of the payment it is about: PaymentIntent, PayPal capture, Shopify refund…</param>
public sealed record PaymentReported(PaymentPlatform Platform, PaymentEvent Event, string? Reference, Money? Amount, DateTimeOffset At) : Signal;

public enum PaymentPlatform
{
    Shopify,
    Stripe,
    PayPal,
}

public enum PaymentEvent
{
    Pending,
    Captured,
    Failed,
    Denied,
    Refunded,
    PartiallyRefunded,
    Reversed,
    Disputed,
}

/// <summary>A vendor shipped (part of) its sub-order: vendor webhook or tracking poll.</summary>
public sealed record VendorShipped(string VendorId, string? VendorOrderId, Shipment Shipment) : Signal;

/// <summary>A vendor cancelled its order on its side.</summary>
public sealed record VendorOrderCancelled(string VendorId, string? VendorOrderId, string? Reason, DateTimeOffset At) : Signal;

/// <summary>A push succeeded: the vendor holds the order under its own id.</summary>
public sealed record VendorOrderCreated(string CommandId, string VendorOrderId, string? VendorOrderName) : Signal, ICommandOutcome;

/// <summary>A command other than a push succeeded; <paramref name="Reference"/> is the platform's id for what it made (fulfillment, tracker).</summary>
public sealed record CommandSucceeded(string CommandId, string? Reference = null) : Signal, ICommandOutcome;

/// <summary>What the merchant order's transactions name as its payments (either may be absent: another gateway, or not captured yet).</summary>
public sealed record PaymentReferencesFound(string CommandId, string? PayPalCaptureId, string? StripePaymentIntentId) : Signal, ICommandOutcome;

/// <summary>A command did not succeed; transient failures may be retried, permanent ones need a person.</summary>
public sealed record CommandFailed(string CommandId, FailureKind Kind, string Reason, TimeSpan? RetryAfter = null) : Signal, ICommandOutcome;

/// <summary>A wake-up the decider asked for (retry backoff, deadlines) has come due.</summary>
public sealed record WakeUp : Signal;

/// <summary>An operator asks OrderSync to try failed work again, and acknowledges what needed attention.</summary>
public sealed record OperatorRetry(string Operator) : Signal;

/// <summary>An operator asks OrderSync to look at the order again under the current settings (a new product mapping, sync switched back on).</summary>
public sealed record OperatorReevaluate(string Operator) : Signal;

/// <summary>
/// A signal for this order kept failing and was set aside (poison queue, dead-letter queue), with the last error: a person
/// must look at it. The processor applies it to the order directly, never through the queue.
/// </summary>
/// <param name="SignalId">The set-aside signal's id (its envelope's), to find it among the poisoned messages.</param>
/// <param name="Kind">What kind of signal it was (its type), for the reason shown.</param>
public sealed record SignalAbandoned(string SignalId, string Kind, string Error) : Signal;

public enum FailureKind
{
    Transient,
    Permanent,
}

/// <summary>A signal that is the outcome of a command the decider issued: it names the command.</summary>
public interface ICommandOutcome
{
    string CommandId { get; }
}
