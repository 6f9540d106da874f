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
    /// <param name="assigned">Where a line already goes, if anywhere (it then stays there); otherwise its product mapping decides.</param>
    /// <param name="unroutedAs">Why a line no vendor takes is held; by default, its unmapped SKU.</param>
    public static Routing Route(Order order, SyncSettings settings,
        Func<OrderLine, (string VendorId, RoutedLine Line)?>? assigned = null, Func<OrderLine, UnroutedLine>? unroutedAs = null)
    {
        var routed = new List<(string VendorId, RoutedLine Line)>();
        var unrouted = ImmutableArray.CreateBuilder<UnroutedLine>();
        foreach (var line in order.Lines.Where(l => l.Quantity > 0))
        {
            if ((assigned?.Invoke(line) ?? RouteLine(line, settings)) is { } to) routed.Add(to);
            else unrouted.Add((unroutedAs ?? Unrouted)(line));
        }

        var vendors = routed
            .GroupBy(r => r.VendorId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new VendorLines(g.Key, [.. g.Select(r => r.Line)]))
            .ToImmutableArray();
        return new Routing(vendors, unrouted.ToImmutable());
    }

    /// <summary>The vendor that fulfils a line, and the line under the vendor's SKU; null when no vendor takes it.</summary>
    public static (string VendorId, RoutedLine Line)? RouteLine(OrderLine line, SyncSettings settings)
    {
        var mapping = line.Sku is { Length: > 0 } sku
            ? settings.ProductMappings.FirstOrDefault(m => string.Equals(m.MerchantSku, sku, StringComparison.OrdinalIgnoreCase))
            : null;
        if (mapping is not null) return (mapping.VendorId, ToRouted(line, mapping.VendorSku));
        if (settings.PushUnmappedProducts && settings.DefaultVendorId is { Length: > 0 } vendor) return (vendor, ToRouted(line, line.Sku));
        return null;
    }

    public static UnroutedLine Unrouted(OrderLine line) =>
        new(line.LineId, $"unmapped SKU {line.Sku ?? "(none)"} on line \"{line.Title}\"");

    private static RoutedLine ToRouted(OrderLine line, string? vendorSku) =>
        new(line.LineId, vendorSku, line.Title, line.Quantity, line.UnitPrice);
}
