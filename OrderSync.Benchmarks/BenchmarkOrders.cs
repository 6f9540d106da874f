using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// The webhooks a run posts: Shopify's sample new paid order as the merchant store holds it (its ids, name and line) as a
/// signed orders/create from the configured merchant store; then, for its vendor order, the vendor's shipment.
/// </summary>
public static class BenchmarkOrders
{
    private const long FirstMadeUpOrderId = 7_000_000_000_000;

    /// <summary>The numeric id of <see cref="Distinct"/> order <paramref name="index"/>.</summary>
    public static string DistinctOrderId(int index) => (FirstMadeUpOrderId + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Order <paramref name="index"/> with made-up ids, for a world without a merchant store (the ack path, drain and rate figures).</summary>
    public static ShopifyWebhookBuilder Distinct(int index) => Placed(index, FirstMadeUpOrderId + index, $"gid://shopify/Order/{FirstMadeUpOrderId + index}", $"#B{index + 1}");

    public static ShopifyWebhookBuilder Placed(MerchantOrder seeded)
    {
        var line = seeded.Order.LineItems.Single();
        return Placed(seeded.Index, long.Parse(seeded.OrderId), seeded.Order.Id, seeded.Order.Name).WithBodyChanged(order =>
        {
            var item = order["line_items"]![0]!;
            item["id"] = long.Parse(line.Id[(line.Id.LastIndexOf('/') + 1)..]);
            item["admin_graphql_api_id"] = line.Id;
            item["sku"] = line.Sku;
            item["quantity"] = line.Quantity;
            item["current_quantity"] = line.Quantity;
            item["fulfillable_quantity"] = line.Quantity;
        });
    }

    /// <summary>The sample cut to its first line, the mapped product.</summary>
    private static ShopifyWebhookBuilder Placed(int index, long id, string gid, string name) => new ShopifyWebhookBuilder()
        .WithWebhookId($"bench-{Guid.NewGuid():N}")
        .WithBodyChanged(order =>
        {
            order["id"] = id;
            order["admin_graphql_api_id"] = gid;
            order["name"] = name;
            order["order_number"] = index + 1;
            order["number"] = index + 1;
            var lines = order["line_items"]!.AsArray();
            while (lines.Count > 1) lines.RemoveAt(lines.Count - 1);
        });

    /// <summary>The vendor's fulfillments/create of one unit of the vendor order, with the order's tracking number for that shipment.</summary>
    public static ShopifyWebhookBuilder Shipped(SimulatedShopifyStore vendor, string vendorOrderId, MerchantOrder seeded, int shipment = 0) =>
        VendorShipmentWebhook.For(vendor, vendorOrderId, Sandbox.Hosting.LocalShellSettings.VendorSku,
            9_000_000_000 + seeded.Index * 10L + shipment, seeded.ShipmentTrackingNumber(shipment));

    /// <summary>The merchant's orders/cancelled for the order, a minute after it was placed.</summary>
    public static ShopifyWebhookBuilder Cancelled(MerchantOrder seeded) => AMinuteLater(seeded, "orders/cancelled").WithBodyChanged(order =>
    {
        order["cancelled_at"] = order["updated_at"]!.DeepClone();
        order["cancel_reason"] = "customer";
    });

    /// <summary>The merchant's orders/updated for the order, a minute after it was placed (its newer snapshot).</summary>
    public static ShopifyWebhookBuilder Updated(MerchantOrder seeded) => AMinuteLater(seeded, "orders/updated");

    private static ShopifyWebhookBuilder AMinuteLater(MerchantOrder seeded, string topic) => Placed(seeded).WithTopic(topic).WithBodyChanged(order =>
    {
        var at = DateTimeOffset.Parse(order["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddMinutes(1);
        order["updated_at"] = at.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>The merchant order id a vendor order was pushed for (its sourceIdentifier is "shop/order id"), or null.</summary>
    public static string? MerchantOrderId(SimulatedOrder vendorOrder) =>
        vendorOrder.Input["sourceIdentifier"]?.GetValue<string>() is { } source && source.LastIndexOf('/') is var slash and >= 0
            ? source[(slash + 1)..]
            : null;
}
