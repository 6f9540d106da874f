namespace OrderSync.Core.Orders;

/// <summary>One line of a merchant order. SKU and variant can be absent (custom items).</summary>
public sealed record OrderLine(
    string LineId,
    string? Sku,
    string? VariantId,
    string Title,
    int Quantity,
    decimal UnitPrice);
