using System.Collections.Immutable;
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
        var key = OrderKey.Create(shop, order.Id("id") ?? throw new FormatException("the order has no id"));
        var customer = order.Object("customer");

        return new Order(
            key,
            order.Text("name") ?? $"#{key.OrderId}",
            order.Text("currency") ?? throw new FormatException("the order has no currency"),
            new Customer(
                customer.Text("first_name"),
                customer.Text("last_name"),
                order.Text("email") ?? order.Text("contact_email") ?? customer.Text("email"),
                order.Text("phone") ?? customer.Text("phone")),
            Address(order, "shipping_address"),
            [.. order.Array("line_items").Select(Line)],
            Payment(order.Text("financial_status")),
            order.Text("note"),
            [.. (order.Text("tags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            order.Array("shipping_lines").Select(l => l.Text("title")).FirstOrDefault(t => t is not null),
            order.Timestamp("cancelled_at"),
            order.Timestamp("updated_at") ?? order.Timestamp("created_at") ?? throw new FormatException("the order has no updated_at"));
    }

    private static OrderLine Line(JsonElement line) => new(
        line.Id("id") ?? throw new FormatException("a line item has no id"),
        line.Text("sku"),
        line.Id("variant_id"),
        line.Text("title") ?? line.Text("name") ?? "(untitled)",
        Quantity(line),
        line.Amount("price") ?? throw new FormatException($"line item {line.Id("id")}: price is not an amount"));

    /// <summary>quantity is what was first ordered; current_quantity (when sent) is what is left after edits and removals.</summary>
    private static int Quantity(JsonElement line)
    {
        if (line.Int("quantity") is not (>= 0 and var ordered)) throw new FormatException($"line item {line.Id("id")} has no valid quantity");
        if (line.TryGetProperty("current_quantity", out _) && line.Int("current_quantity") is not >= 0)
            throw new FormatException($"line item {line.Id("id")} has no valid current_quantity");
        return line.Int("current_quantity") ?? ordered;
    }

    private static Address? Address(JsonElement order, string name) =>
        order.Object(name) is { ValueKind: JsonValueKind.Object } a
            ? new Address(a.Text("first_name"), a.Text("last_name"), a.Text("company"), a.Text("address1"), a.Text("address2"),
                a.Text("city"), a.Text("province_code"), a.Text("country_code"), a.Text("zip"), a.Text("phone"))
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
}
