using System.Collections.Immutable;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Execution;

/// <summary>
/// Turns the lines a vendor order must have (absolute quantities) into a Shopify line edit of the vendor order as it is.
/// OrderSync creates vendor lines as custom items carrying the vendor SKU (ShopifyVendorOrders), so a line is found by SKU;
/// a custom item added by an earlier edit has no SKU (orderEditAddCustomItem takes a title and price only), so it is found
/// by its title. Pure.
/// </summary>
public static class VendorLinePlan
{
    public static VendorLineEdit For(ImmutableArray<RoutedLine> wanted, IReadOnlyList<VendorOrderLine> current, string? currency, string? staffNote = null)
    {
        var quantities = new Dictionary<string, int>(StringComparer.Ordinal);
        var additions = new List<VendorLineAddition>();
        foreach (var group in wanted.GroupBy(l => l.VendorSku ?? l.Title, StringComparer.OrdinalIgnoreCase))
        {
            var line = group.First();
            var total = group.Sum(l => l.Quantity);
            var matches = current.Where(c => Matches(c, line)).ToList();
            if (matches.Count == 0)
            {
                if (total > 0)
                    additions.Add(new VendorLineAddition(null, line.Title, line.VendorSku, line.UnitPrice,
                        currency ?? throw PlatformException.Permanent($"line {line.Title} is new on the vendor order, and the order's currency is unknown"), total));
                continue;
            }
            // Two merchant lines may map to one vendor SKU: the first matching vendor line holds the total, the others none.
            quantities[matches[0].Id] = total;
            foreach (var extra in matches.Skip(1)) quantities[extra.Id] = 0;
        }
        foreach (var gone in current.Where(c => c.Quantity > 0 && !quantities.ContainsKey(c.Id)))
            quantities[gone.Id] = 0;
        return new VendorLineEdit(quantities, additions, StaffNote: staffNote);
    }

    private static bool Matches(VendorOrderLine current, RoutedLine wanted) =>
        current.Sku is { } sku
            ? wanted.VendorSku is { } vendorSku && string.Equals(sku, vendorSku, StringComparison.OrdinalIgnoreCase)
            : current.VariantId is null && current.Title == wanted.Title;
}
