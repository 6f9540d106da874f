using System.Text.Json;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// The topics OrderSync uses from a vendor's Shopify store: its fulfillments (tracking) and its cancellations. They name
/// the vendor's order, which leads to the merchant order through the vendor-order correlation recorded at push time.
/// </summary>
internal static class ShopifyVendorTopics
{
    private static readonly HashSet<string> NotShipped = ["cancelled", "error", "failure"];

    /// <summary>The vendor order and signal a delivery means, or null for a topic (or fulfillment status) OrderSync does not use.</summary>
    public static (CorrelationRef VendorOrder, Signal Signal)? Read(string topic, string vendorId, JsonElement body) => topic switch
    {
        "fulfillments/create" or "fulfillments/update" when !NotShipped.Contains(body.Text("status") ?? "") => Shipped(vendorId, body),
        "orders/cancelled" => Cancelled(vendorId, body),
        _ => null,
    };

    /// <summary>A fulfillment {id, order_id, tracking_company, tracking_numbers, tracking_urls, line_items [{id, sku, quantity}]}.</summary>
    private static (CorrelationRef, Signal) Shipped(string vendorId, JsonElement fulfillment)
    {
        var vendorOrderId = fulfillment.Id("order_id") ?? throw new FormatException("the fulfillment has no order_id");
        var numbers = fulfillment.Texts("tracking_numbers").DefaultIfEmpty(fulfillment.Text("tracking_number")).OfType<string>();
        var urls = fulfillment.Texts("tracking_urls").DefaultIfEmpty(fulfillment.Text("tracking_url")).OfType<string>();
        var shipment = new Shipment(
            fulfillment.Id("id") ?? throw new FormatException("the fulfillment has no id"),
            [.. numbers],
            fulfillment.Text("tracking_company"),
            [.. urls],
            [.. fulfillment.Array("line_items").Select(l => new ShippedLine(l.Id("id"), l.Text("sku"),
                l.Int("quantity") ?? throw new FormatException($"fulfillment line {l.Id("id")} has no quantity")))],
            fulfillment.Timestamp("created_at") ?? fulfillment.Timestamp("updated_at") ?? throw new FormatException("the fulfillment has no created_at"));
        return (CorrelationRef.VendorOrder(vendorId, vendorOrderId), new VendorShipped(vendorId, vendorOrderId, shipment));
    }

    private static (CorrelationRef, Signal) Cancelled(string vendorId, JsonElement order)
    {
        var vendorOrderId = order.Id("id") ?? throw new FormatException("the order has no id");
        var at = order.Timestamp("cancelled_at") ?? order.Timestamp("updated_at") ?? throw new FormatException("the order has no cancelled_at");
        return (CorrelationRef.VendorOrder(vendorId, vendorOrderId), new VendorOrderCancelled(vendorId, vendorOrderId, order.Text("cancel_reason"), at));
    }
}
