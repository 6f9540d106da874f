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
public abstract record Signal;

/// <summary>The merchant store reported a new order (Shopify orders/create).</summary>
public sealed record OrderPlaced(Order Order) : Signal;

/// <summary>A push succeeded: the vendor holds the order under its own id.</summary>
public sealed record VendorOrderCreated(string CommandId, string VendorOrderId, string? VendorOrderName) : Signal;

/// <summary>A command did not succeed; transient failures may be retried, permanent ones need a person.</summary>
public sealed record CommandFailed(string CommandId, FailureKind Kind, string Reason, TimeSpan? RetryAfter = null) : Signal;

/// <summary>A wake-up the decider asked for (retry backoff, deadlines) has come due.</summary>
public sealed record WakeUp : Signal;

/// <summary>An operator asks OrderSync to try failed work again.</summary>
public sealed record OperatorRetry(string Operator) : Signal;

public enum FailureKind
{
    Transient,
    Permanent,
}
