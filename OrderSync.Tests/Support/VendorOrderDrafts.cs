using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Support;

/// <summary>
/// The order OrderSync pushes to a vendor in the vendor-client tests: "#{id}" of merchant.myshopify.com in EUR, for Ada
/// Lovelace in London, 2 × VENDOR-SKU-1 (Difference Engine at 12.50), "leave at the door", shipped Standard.
/// Imported with <c>using static</c>.
/// </summary>
public static class VendorOrderDrafts
{
    public static VendorOrderDraft Draft(string orderId = "1001") => Draft(new OrderKey("merchant.myshopify.com", orderId));

    /// <param name="lines">The vendor's lines; one <see cref="DifferenceEngine"/> line of 2 when null.</param>
    public static VendorOrderDraft Draft(OrderKey order, ImmutableArray<RoutedLine>? lines = null,
        string? note = "leave at the door", string? shippingMethod = "Standard") => new(
        order, "#" + order.OrderId, "EUR",
        new Customer("Ada", "Lovelace", "ada@example.com", null),
        new Address("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null),
        lines ?? ImmutableArray.Create(DifferenceEngine()),
        note, shippingMethod);

    /// <summary>Merchant line 11: <paramref name="quantity"/> × VENDOR-SKU-1, "Difference Engine", at 12.50.</summary>
    public static RoutedLine DifferenceEngine(int quantity = 2) => new("11", "VENDOR-SKU-1", "Difference Engine", quantity, 12.50m);
}
