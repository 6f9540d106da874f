using System.Collections.Immutable;
using System.Text.Json.Serialization;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>Work the decider asks the shell to do against a platform. <see cref="Id"/> is the deterministic idempotency key.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PushOrderToVendor), "pushOrderToVendor")]
public abstract record Command(string Id);

/// <summary>Create the vendor's part of the order at the vendor.</summary>
public sealed record PushOrderToVendor(string Id, string VendorId, VendorOrderDraft Draft) : Command(Id);

/// <summary>What a vendor receives: the merchant's order reference, the vendor's lines, where to ship, whom to contact.</summary>
public sealed record VendorOrderDraft(
    OrderKey MerchantOrder,
    string MerchantOrderName,
    string Currency,
    Customer Customer,
    Address? ShippingAddress,
    ImmutableArray<RoutedLine> Lines,
    string? Note,
    string? ShippingMethod);

public static class IdempotencyKeys
{
    public static string Push(OrderKey order, string vendorId) => $"push:{order.Shop}:{order.OrderId}:{vendorId}";
}
