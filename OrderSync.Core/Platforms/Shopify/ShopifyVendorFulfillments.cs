// Reading what a vendor's Shopify store shipped.
// order(id: ID!) and Order.fulfillments(first: Int) → [Fulfillment!]!, Order.updatedAt:
//   https://shopify.dev/docs/api/admin-graphql/latest/queries/order
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/Order
// Fulfillment {id status (FulfillmentStatus) createdAt updatedAt trackingInfo(first) {number company url}
//   fulfillmentLineItems(first) {nodes {lineItem {id sku} quantity}}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/Fulfillment
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentTrackingInfo
// orders(first, after, sortKey: UPDATED_AT, query: "updated_at:>'…'") → OrderConnection {nodes, pageInfo {hasNextPage endCursor}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/queries/orders (search syntax: https://shopify.dev/api/usage/search-syntax)
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>One fulfillment of a vendor order: the shipment, its Shopify status (SUCCESS, CANCELLED, …) and when it last changed.</summary>
public sealed record VendorFulfillment(string VendorOrderId, Shipment Shipment, string Status, DateTimeOffset UpdatedAt)
{
    /// <summary>Only a fulfillment in SUCCESS is goods on their way; CANCELLED, ERROR, FAILURE are not shipments.</summary>
    public bool Shipped => Status == "SUCCESS";
}

/// <summary>
/// A page of the changed-since read: the fulfillments of the orders on it, the cursor for the next page (null on the last),
/// and the high-water mark (the latest order updatedAt seen so far) to store once every page is read.
/// </summary>
public sealed record VendorFulfillmentPage(IReadOnlyList<VendorFulfillment> Fulfillments, string? NextCursor, DateTimeOffset HighWaterMark);

public sealed class ShopifyVendorFulfillments(ShopifyGraphQlClient client)
{
    private const string FulfillmentFields = """
        fulfillments(first: 50) {
          id status createdAt updatedAt
          trackingInfo(first: 10) { number company url }
          fulfillmentLineItems(first: 100) { nodes { lineItem { id sku } quantity } }
        }
        """;

    private static readonly string ByOrder = $$"""
        query OrderSyncOrderFulfillments($id: ID!) {
          order(id: $id) { id updatedAt {{FulfillmentFields}} }
        }
        """;

    private static readonly string ChangedSince = $$"""
        query OrderSyncChangedOrders($first: Int!, $after: String, $query: String!) {
          orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
            nodes { id updatedAt {{FulfillmentFields}} }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public async Task<IReadOnlyList<VendorFulfillment>> ForOrderAsync(ShopifyStore store, string vendorOrderId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, ByOrder, new JsonObject { ["id"] = vendorOrderId }, cancellationToken);
        return ShopifyAnswer.Read(store, "order", () =>
        {
            var order = data.GetProperty("order");
            if (order.ValueKind != JsonValueKind.Object) throw PlatformException.Permanent($"vendor store {store} has no order {vendorOrderId}");
            return Fulfillments(order);
        });
    }

    /// <summary>
    /// One page of orders updated at or after <paramref name="since"/>, oldest change first, with their fulfillments. Inclusive, because
    /// updated_at has whole-second precision: an order changed later in the same second as the mark is not missed (it is read again).
    /// Pass the page's <see cref="VendorFulfillmentPage.NextCursor"/> back as <paramref name="after"/> with the same
    /// <paramref name="since"/> until it is null; then store <see cref="VendorFulfillmentPage.HighWaterMark"/> as the next since.
    /// A fulfillment already reported is recognised downstream by its id (Shipment.ShipmentId).
    /// </summary>
    public async Task<VendorFulfillmentPage> ChangedSinceAsync(ShopifyStore store, DateTimeOffset since, string? after, CancellationToken cancellationToken,
        int pageSize = 50)
    {
        var variables = new JsonObject
        {
            ["first"] = pageSize,
            ["after"] = after,
            ["query"] = ShopifySearch.Since("updated_at", since),
        };
        var data = await client.ExecuteAsync(store, ChangedSince, variables, cancellationToken);
        return ShopifyAnswer.Read(store, "orders", () =>
        {
            var orders = data.GetProperty("orders");
            var found = new List<VendorFulfillment>();
            var mark = since;
            foreach (var order in orders.GetProperty("nodes").EnumerateArray())
            {
                var updated = order.GetProperty("updatedAt").GetDateTimeOffset();
                if (updated > mark) mark = updated;
                found.AddRange(Fulfillments(order));
            }
            return new VendorFulfillmentPage([.. found.DistinctBy(f => f.Shipment.ShipmentId)], PlatformAnswer.NextPage(orders).Cursor, mark);
        });
    }

    private static List<VendorFulfillment> Fulfillments(JsonElement order)
    {
        var orderId = order.GetProperty("id").GetString()!;
        return [.. order.GetProperty("fulfillments").EnumerateArray().Select(f =>
        {
            var tracking = f.GetProperty("trackingInfo").EnumerateArray().ToList();
            var shipment = new Shipment(
                f.GetProperty("id").GetString()!,
                [.. tracking.Select(t => Text(t, "number")).OfType<string>()],
                tracking.Select(t => Text(t, "company")).FirstOrDefault(c => c is not null),
                [.. tracking.Select(t => Text(t, "url")).OfType<string>()],
                [.. f.GetProperty("fulfillmentLineItems").GetProperty("nodes").EnumerateArray().Select(n => new ShippedLine(
                    n.TryGetProperty("lineItem", out var li) && li.ValueKind == JsonValueKind.Object ? Text(li, "id") : null,
                    li.ValueKind == JsonValueKind.Object ? Text(li, "sku") : null,
                    n.GetProperty("quantity").GetInt32()))],
                f.GetProperty("createdAt").GetDateTimeOffset());
            return new VendorFulfillment(orderId, shipment, f.GetProperty("status").GetString()!, f.GetProperty("updatedAt").GetDateTimeOffset());
        })];
    }

    /// <summary>Unlike <see cref="JsonFields.Text"/>, throws on an element that is not an object (an unexpected shape); kept for that.</summary>
    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
