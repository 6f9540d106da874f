namespace OrderSync.Core.Orders;

/// <summary>Identifies one merchant order: the merchant's store domain and the order's numeric id (kept as text: Shopify ids exceed 2^53).</summary>
public sealed record OrderKey(string Shop, string OrderId)
{
    public override string ToString() => $"{Shop}/{OrderId}";

    public static bool IsValidShop(string? shop) =>
        !string.IsNullOrWhiteSpace(shop) && shop.Length <= 255 && shop.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    public static bool IsValidOrderId(string? orderId) =>
        !string.IsNullOrEmpty(orderId) && orderId.Length <= 30 && orderId.All(char.IsAsciiDigit);

    /// <summary>Builds a key from untrusted text (a route, a header) when it is a valid one.</summary>
    public static bool TryCreate(string? shop, string? orderId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OrderKey? key)
    {
        key = IsValidShop(shop) && IsValidOrderId(orderId) ? new OrderKey(shop!.ToLowerInvariant(), orderId!) : null;
        return key is not null;
    }

    /// <summary>Reads a key written as "{shop}/{orderId}" (as <see cref="ToString"/> writes it) from untrusted text.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OrderKey? key)
    {
        var slash = text?.IndexOf('/') ?? -1;
        key = null;
        return slash > 0 && TryCreate(text![..slash], text[(slash + 1)..], out key);
    }

    /// <summary>Builds a key from untrusted text, or explains why it cannot.</summary>
    public static OrderKey Create(string? shop, string? orderId)
    {
        if (!IsValidShop(shop)) throw new ArgumentException($"'{shop}' is not a store domain.", nameof(shop));
        if (!IsValidOrderId(orderId)) throw new ArgumentException($"'{orderId}' is not a numeric order id.", nameof(orderId));
        return new OrderKey(shop!.ToLowerInvariant(), orderId!);
    }
}
