// A merchant order as the Admin GraphQL API shows it, read into the same Order the orders/* webhooks give
// (ShopifyOrderNormalizer fills it from the REST-shaped body; this reads the GraphQL shape of the same fields).
// Order: https://shopify.dev/docs/api/admin-graphql/latest/objects/Order
//   id name currencyCode email phone note tags displayFinancialStatus cancelledAt closedAt updatedAt
//   customer {firstName lastName} shippingAddress (MailingAddress) shippingLine {title} lineItems (connection)
// OrderDisplayFinancialStatus: AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED
//   https://shopify.dev/docs/api/admin-graphql/latest/enums/OrderDisplayFinancialStatus
// LineItem {id sku title quantity currentQuantity variant {id} originalUnitPriceSet {shopMoney {amount}}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/LineItem (currentQuantity: units ordered minus removed and refunded)
using System.Globalization;
using System.Text.Json;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Reads a GraphQL Order node into an <see cref="Order"/>, keyed and named by numbers as its webhooks key it.</summary>
internal static class ShopifyOrderSnapshot
{
    /// <summary>The order's fields; its lines come from <see cref="Lines"/> (the caller follows their pages).</summary>
    public static Order Read(string shop, JsonElement order, IEnumerable<OrderLine> lines)
    {
        var key = OrderKey.Create(shop, ShopifyIds.Numeric(Text(order, "id") ?? throw new InvalidOperationException("the order has no id")));
        var customer = order.Child("customer");
        return new Order(
            key,
            Text(order, "name") ?? $"#{key.OrderId}",
            Text(order, "currencyCode") ?? throw new InvalidOperationException("the order has no currencyCode"),
            new Customer(customer is { } c ? Text(c, "firstName") : null, customer is { } l ? Text(l, "lastName") : null,
                Text(order, "email"), Text(order, "phone")),
            order.Child("shippingAddress") is { } a
                ? new Address(Text(a, "firstName"), Text(a, "lastName"), Text(a, "company"), Text(a, "address1"), Text(a, "address2"),
                    Text(a, "city"), Text(a, "provinceCode"), Text(a, "countryCodeV2"), Text(a, "zip"), Text(a, "phone"))
                : null,
            [.. lines],
            Payment(Text(order, "displayFinancialStatus")),
            Text(order, "note"),
            order.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? [.. tags.EnumerateArray().Select(t => t.GetString()).OfType<string>()]
                : [],
            order.Child("shippingLine") is { } shipping ? Text(shipping, "title") : null,
            Time(order, "cancelledAt"),
            Time(order, "updatedAt") ?? throw new InvalidOperationException("the order has no updatedAt"));
    }

    /// <summary>The lines of one lineItems page. The quantity is what is left after edits and removals (currentQuantity), as the webhook's current_quantity.</summary>
    public static IEnumerable<OrderLine> Lines(JsonElement lineItems) => lineItems.GetProperty("nodes").EnumerateArray().Select(n => new OrderLine(
        ShopifyIds.Numeric(Text(n, "id") ?? throw new InvalidOperationException("a line item has no id")),
        Text(n, "sku"),
        n.Child("variant") is { } variant && Text(variant, "id") is { } variantId ? ShopifyIds.Numeric(variantId) : null,
        Text(n, "title") ?? "(untitled)",
        n.TryGetProperty("currentQuantity", out var current) && current.ValueKind == JsonValueKind.Number
            ? current.GetInt32()
            : n.GetProperty("quantity").GetInt32(),
        Amount(n.GetProperty("originalUnitPriceSet").GetProperty("shopMoney").GetProperty("amount"))));

    /// <summary>Money amounts are Decimal scalars, sent as strings.</summary>
    private static decimal Amount(JsonElement amount) =>
        amount.ValueKind == JsonValueKind.String && decimal.TryParse(amount.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"'{amount}' is not an amount");

    /// <summary>The same statuses the webhook's financial_status maps to, from their GraphQL names.</summary>
    private static PaymentStatus Payment(string? status) => status switch
    {
        "PENDING" => PaymentStatus.Pending,
        "AUTHORIZED" => PaymentStatus.Authorized,
        "PARTIALLY_PAID" => PaymentStatus.PartiallyPaid,
        "PAID" => PaymentStatus.Paid,
        "PARTIALLY_REFUNDED" => PaymentStatus.PartiallyRefunded,
        "REFUNDED" => PaymentStatus.Refunded,
        "VOIDED" or "EXPIRED" => PaymentStatus.Voided,
        _ => PaymentStatus.Unknown,
    };

    internal static DateTimeOffset? Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetDateTimeOffset() : null;

    /// <summary>Unlike <see cref="JsonFields.Text"/>, throws on an element that is not an object (an unexpected shape); kept for that.</summary>
    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
