using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Policy;

/// <summary>A merchant line routed to a vendor, under the vendor's SKU.</summary>
public sealed record RoutedLine(string MerchantLineId, string? VendorSku, string Title, int Quantity, decimal UnitPrice);

/// <summary>The lines one vendor fulfils.</summary>
public sealed record VendorLines(string VendorId, ImmutableArray<RoutedLine> Lines);

/// <summary>An order split by vendor, and the lines no vendor takes (with why).</summary>
public sealed record Routing(ImmutableArray<VendorLines> Vendors, ImmutableArray<UnroutedLine> Unrouted);

public sealed record UnroutedLine(string MerchantLineId, string Reason);

/// <summary>Splits an order's lines into one sub-order per vendor by product mapping.</summary>
public static class OrderRouting
{
    public static Routing Route(Order order, SyncSettings settings)
    {
        var bySku = settings.ProductMappings
            .GroupBy(m => m.MerchantSku, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var routed = new List<(string VendorId, RoutedLine Line)>();
        var unrouted = ImmutableArray.CreateBuilder<UnroutedLine>();
        foreach (var line in order.Lines.Where(l => l.Quantity > 0))
        {
            if (line.Sku is { Length: > 0 } sku && bySku.TryGetValue(sku, out var mapping))
                routed.Add((mapping.VendorId, ToRouted(line, mapping.VendorSku)));
            else if (settings.PushUnmappedProducts && settings.DefaultVendorId is { Length: > 0 } vendor)
                routed.Add((vendor, ToRouted(line, line.Sku)));
            else
                unrouted.Add(new UnroutedLine(line.LineId, $"unmapped SKU {line.Sku ?? "(none)"} on line \"{line.Title}\""));
        }

        var vendors = routed
            .GroupBy(r => r.VendorId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new VendorLines(g.Key, [.. g.Select(r => r.Line)]))
            .ToImmutableArray();
        return new Routing(vendors, unrouted.ToImmutable());
    }

    private static RoutedLine ToRouted(OrderLine line, string? vendorSku) =>
        new(line.LineId, vendorSku, line.Title, line.Quantity, line.UnitPrice);
}
