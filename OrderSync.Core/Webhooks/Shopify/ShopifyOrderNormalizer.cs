using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// Reads a Shopify order webhook body (the REST-shaped order of the orders/* topics) into an <see cref="Order"/>.
/// Ids are read as text: they exceed 2^53. Money arrives as strings.
/// </summary>
public static class ShopifyOrderNormalizer
{
    public static Order Normalize(JsonElement order, string shop)
    {
        if (order.ValueKind != JsonValueKind.Object) throw new FormatException("the body is not a JSON object");
        var key = OrderKey.Create(shop, Id(order, "id") ?? throw new FormatException("the order has no id"));
        var customer = order.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;

        return new Order(
            key,
            Text(order, "name") ?? $"#{key.OrderId}",
            Text(order, "currency") ?? throw new FormatException("the order has no currency"),
            new Customer(
                Text(customer, "first_name"),
                Text(customer, "last_name"),
                Text(order, "email") ?? Text(order, "contact_email") ?? Text(customer, "email"),
                Text(order, "phone") ?? Text(customer, "phone")),
            Address(order, "shipping_address"),
            [.. Array(order, "line_items").Select(Line)],
            Payment(Text(order, "financial_status")),
            Text(order, "note"),
            [.. (Text(order, "tags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Array(order, "shipping_lines").Select(l => Text(l, "title")).FirstOrDefault(t => t is not null),
            Timestamp(order, "cancelled_at"),
            Timestamp(order, "updated_at") ?? Timestamp(order, "created_at") ?? throw new FormatException("the order has no updated_at"));
    }

    private static OrderLine Line(JsonElement line) => new(
        Id(line, "id") ?? throw new FormatException("a line item has no id"),
        Text(line, "sku"),
        Id(line, "variant_id"),
        Text(line, "title") ?? Text(line, "name") ?? "(untitled)",
        line.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number && q.TryGetInt32(out var quantity) && quantity >= 0
            ? quantity
            : throw new FormatException($"line item {Id(line, "id")} has no valid quantity"),
        Money(line, "price") ?? throw new FormatException($"line item {Id(line, "id")}: price is not an amount"));

    private static Address? Address(JsonElement order, string name) =>
        order.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Object
            ? new Address(Text(a, "first_name"), Text(a, "last_name"), Text(a, "company"), Text(a, "address1"), Text(a, "address2"),
                Text(a, "city"), Text(a, "province_code"), Text(a, "country_code"), Text(a, "zip"), Text(a, "phone"))
            : null;

    private static PaymentStatus Payment(string? financialStatus) => financialStatus switch
    {
        "pending" => PaymentStatus.Pending,
        "authorized" => PaymentStatus.Authorized,
        "partially_paid" => PaymentStatus.PartiallyPaid,
        "paid" => PaymentStatus.Paid,
        "partially_refunded" => PaymentStatus.PartiallyRefunded,
        "refunded" => PaymentStatus.Refunded,
        "voided" or "expired" => PaymentStatus.Voided,
        _ => PaymentStatus.Unknown,
    };

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : [];

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>A numeric id as its exact digits (never through a double).</summary>
    private static string? Id(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString(),
            _ => null,
        } : null;

    /// <summary>An amount sent as text (Shopify's way) or as a number; null when it is neither.</summary>
    private static decimal? Money(JsonElement parent, string name) =>
        Text(parent, name) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount
        : parent.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetDecimal(out var number) ? number
        : null;

    private static DateTimeOffset? Timestamp(JsonElement parent, string name) =>
        Text(parent, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
