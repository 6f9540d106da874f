using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// The topics OrderSync uses from a merchant's store, read into the signal each one means. Shopify sends the same order
/// body for every orders/* topic, so the topic says what happened, not the body (shopify.dev/docs/api/webhooks).
/// </summary>
internal static class ShopifyMerchantTopics
{
    /// <summary>The order and signal a delivery means, or null for a topic OrderSync does not use. Throws FormatException for a bad body.</summary>
    public static (OrderKey Order, Signal Signal)? Read(string topic, string shop, JsonElement body) => topic switch
    {
        "orders/create" => Placed(ShopifyOrderNormalizer.Normalize(body, shop)),
        "orders/updated" => Updated(ShopifyOrderNormalizer.Normalize(body, shop)),
        "orders/paid" => Paid(ShopifyOrderNormalizer.Normalize(body, shop), body),
        "orders/cancelled" => Cancelled(ShopifyOrderNormalizer.Normalize(body, shop), body),
        "orders/edited" => Edited(shop, body),
        "refunds/create" => Refund(shop, body),
        _ => null,
    };

    private static (OrderKey, Signal) Placed(Order order) => (order.Key, new OrderPlaced(order));

    private static (OrderKey, Signal) Updated(Order order) => (order.Key, new OrderUpdated(order));

    private static (OrderKey, Signal) Paid(Order order, JsonElement body) =>
        (order.Key, new PaymentReported(PaymentPlatform.Shopify, PaymentEvent.Captured, null,
            body.Amount("total_price") is { } total ? new Money(total, order.Currency) : null, order.UpdatedAt));

    private static (OrderKey, Signal) Cancelled(Order order, JsonElement body) =>
        (order.Key, new OrderCancelled(order, body.Text("cancel_reason")));

    /// <summary>orders/edited: {order_edit: {id, order_id, created_at, line_items: {additions: [{id, delta}], removals: [{id, delta}]}}}.</summary>
    private static (OrderKey, Signal) Edited(string shop, JsonElement body)
    {
        var edit = body.Object("order_edit");
        if (edit.ValueKind != JsonValueKind.Object) throw new FormatException("orders/edited body has no order_edit");
        var key = OrderKey.Create(shop, edit.Id("order_id") ?? throw new FormatException("order_edit has no order_id"));
        var lines = edit.Object("line_items");
        return (key, new OrderEdited(edit.Id("id"), [.. lines.Array("additions").Select(Delta)], [.. lines.Array("removals").Select(Delta)],
            edit.Timestamp("committed_at") ?? edit.Timestamp("created_at") ?? throw new FormatException("order_edit has no created_at")));
    }

    private static LineDelta Delta(JsonElement change) => new(
        change.Id("id") ?? throw new FormatException("a line item change has no id"),
        change.Int("delta") ?? throw new FormatException($"line item change {change.Id("id")} has no delta"));

    /// <summary>
    /// refunds/create: a refund {id, order_id, created_at, refund_line_items, transactions: [{kind, status, amount, currency}]};
    /// the amount is what its successful refund transactions returned. Their currency may be null (as in Shopify's sample):
    /// then the refunded lines' shop currency is the refund's.
    /// </summary>
    private static (OrderKey, Signal) Refund(string shop, JsonElement refund)
    {
        var key = OrderKey.Create(shop, refund.Id("order_id") ?? throw new FormatException("the refund has no order_id"));
        var transactions = refund.Array("transactions").Where(t => t.Text("kind") == "refund" && t.Text("status") == "success").ToList();
        var currency = transactions.Select(t => t.Text("currency")).FirstOrDefault(c => c is not null)
            ?? refund.Array("refund_line_items").Select(l => l.Object("subtotal_set").Object("shop_money").Text("currency_code")).FirstOrDefault(c => c is not null);
        var amounts = transactions.Select(t => t.Amount("amount")).OfType<decimal>().ToList();
        var money = amounts.Count == 0 || currency is null ? null : new Money(amounts.Sum(), currency);
        return (key, new PaymentReported(PaymentPlatform.Shopify, PaymentEvent.Refunded, refund.Id("id"), money,
            refund.Timestamp("processed_at") ?? refund.Timestamp("created_at") ?? throw new FormatException("the refund has no created_at")));
    }
}
