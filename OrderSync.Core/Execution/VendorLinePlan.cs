using System.Collections.Immutable;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Execution;

/// <summary>
/// Turns the lines a vendor order must have (absolute quantities) into a Shopify line edit of the vendor order as it is.
/// OrderSync creates vendor lines as custom items carrying the vendor SKU (ShopifyVendorOrders), so lines are matched by
/// SKU, or by title when a line has no SKU. Pure.
/// </summary>
public static class VendorLinePlan
{
    public static VendorLineEdit For(ImmutableArray<RoutedLine> wanted, IReadOnlyList<VendorOrderLine> current, string? currency, string? staffNote = null)
    {
        var quantities = new Dictionary<string, int>(StringComparer.Ordinal);
        var additions = new List<VendorLineAddition>();
        foreach (var group in wanted.GroupBy(Key, StringComparer.OrdinalIgnoreCase))
        {
            var total = group.Sum(l => l.Quantity);
            var matches = current.Where(c => string.Equals(Key(c), group.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                var line = group.First();
                if (total > 0)
                    additions.Add(new VendorLineAddition(null, line.Title, line.VendorSku, line.UnitPrice,
                        currency ?? throw PlatformException.Permanent($"line {line.Title} is new on the vendor order, and the order's currency is unknown"), total));
                continue;
            }
            // Two merchant lines may map to one vendor SKU: the first matching vendor line holds the total, the others none.
            quantities[matches[0].Id] = total;
            foreach (var extra in matches.Skip(1)) quantities[extra.Id] = 0;
        }
        foreach (var gone in current.Where(c => c.Quantity > 0 && !quantities.ContainsKey(c.Id)
                                                && !wanted.Any(w => string.Equals(Key(w), Key(c), StringComparison.OrdinalIgnoreCase))))
            quantities[gone.Id] = 0;
        return new VendorLineEdit(quantities, additions, StaffNote: staffNote);
    }

    private static string Key(RoutedLine line) => line.VendorSku ?? "title:" + line.Title;

    private static string Key(VendorOrderLine line) => line.Sku ?? "title:" + line.Title;
}
