using System.Text.Json.Nodes;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// The orders a run posts: Shopify's sample new paid order, made distinct per index (id, name, delivery id) and cut to
/// its first line, the mapped product; each delivered as a signed orders/create webhook from the configured merchant store.
/// </summary>
public static class BenchmarkOrders
{
    private const long FirstOrderId = 7_000_000_000_000;

    public static string OrderId(int index) => (FirstOrderId + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ShopifyWebhookBuilder Webhook(int index)
    {
        var id = FirstOrderId + index;
        return new ShopifyWebhookBuilder()
            .WithWebhookId($"bench-{Guid.NewGuid():N}")
            .WithBodyChanged(order =>
            {
                order["id"] = id;
                order["admin_graphql_api_id"] = $"gid://shopify/Order/{id}";
                order["name"] = $"#B{index + 1}";
                order["order_number"] = index + 1;
                order["number"] = index + 1;
                var lines = order["line_items"]!.AsArray();
                while (lines.Count > 1) lines.RemoveAt(lines.Count - 1);
            });
    }

    /// <summary>The merchant order id a vendor order was pushed for (its sourceIdentifier is "shop/order id"), or null.</summary>
    public static string? MerchantOrderId(SimulatedOrder vendorOrder) =>
        vendorOrder.Input["sourceIdentifier"]?.GetValue<string>() is { } source && source.LastIndexOf('/') is var slash and >= 0
            ? source[(slash + 1)..]
            : null;
}
