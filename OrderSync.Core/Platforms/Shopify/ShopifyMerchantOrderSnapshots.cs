// Reading a merchant's recent orders for the back-fill, through the Admin GraphQL API.
// orders(first, after, sortKey: CREATED_AT, query: "created_at:>='…'") → OrderConnection {nodes, pageInfo {hasNextPage endCursor}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/queries/orders (search syntax: https://shopify.dev/api/usage/search-syntax;
//   pagination: https://shopify.dev/docs/api/usage/pagination-graphql)
// order(id: ID!) with lineItems(first, after): https://shopify.dev/docs/api/admin-graphql/latest/queries/order
// The list reads only what the comparison needs (id, updatedAt, cancelledAt, closedAt), so a page of 50 orders stays cheap;
// an order is read whole only when it is to be fed through the pipeline.
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>An order of the merchant's list: its gid, when it last changed, and whether it is cancelled or closed.</summary>
public sealed record ListedMerchantOrder(string Id, DateTimeOffset UpdatedAt, DateTimeOffset? CancelledAt, DateTimeOffset? ClosedAt)
{
    /// <summary>Neither cancelled nor closed (closed: every line fulfilled or cancelled and the money settled).</summary>
    public bool Open => CancelledAt is null && ClosedAt is null;
}

/// <summary>A page of the merchant's orders, oldest first, and the cursor of the next page (null on the last).</summary>
public sealed record MerchantOrderPage(IReadOnlyList<ListedMerchantOrder> Orders, string? NextCursor);

public sealed class ShopifyMerchantOrderSnapshots(ShopifyGraphQlClient client)
{
    private const int LinePageSize = 50;

    private const string CreatedSince = """
        query OrderSyncMerchantOrdersCreatedSince($first: Int!, $after: String, $query: String!) {
          orders(first: $first, after: $after, sortKey: CREATED_AT, query: $query) {
            nodes { id updatedAt cancelledAt closedAt }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string ReadOrder = """
        query OrderSyncMerchantOrderSnapshot($id: ID!, $first: Int!, $lineItemsAfter: String) {
          order(id: $id) {
            id name currencyCode email phone note tags displayFinancialStatus cancelledAt updatedAt
            customer { firstName lastName }
            shippingAddress { firstName lastName company address1 address2 city provinceCode countryCodeV2 zip phone }
            shippingLine { title }
            lineItems(first: $first, after: $lineItemsAfter) {
              nodes { id sku title quantity currentQuantity variant { id } originalUnitPriceSet { shopMoney { amount } } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """;

    /// <summary>
    /// One page of the orders created at or after <paramref name="since"/> (whole seconds, UTC), oldest first. Pass the page's
    /// <see cref="MerchantOrderPage.NextCursor"/> back as <paramref name="after"/> with the same <paramref name="since"/> until it is null.
    /// </summary>
    public async Task<MerchantOrderPage> CreatedSinceAsync(ShopifyStore store, DateTimeOffset since, string? after, int pageSize,
        CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["first"] = pageSize,
            ["after"] = after,
            ["query"] = ShopifySearch.Since("created_at", since),
        };
        var data = await client.ExecuteAsync(store, CreatedSince, variables, cancellationToken);
        return ShopifyAnswer.Read(store, "orders", () =>
        {
            var orders = data.GetProperty("orders");
            var listed = orders.GetProperty("nodes").EnumerateArray().Select(o => new ListedMerchantOrder(
                o.GetProperty("id").GetString()!,
                o.GetProperty("updatedAt").GetDateTimeOffset(),
                ShopifyOrderSnapshot.Time(o, "cancelledAt"),
                ShopifyOrderSnapshot.Time(o, "closedAt")));
            return new MerchantOrderPage([.. listed], PlatformAnswer.NextPage(orders).Cursor);
        });
    }

    /// <summary>The order as its orders/updated webhook would carry it, with all its lines (following their pages).</summary>
    public async Task<Order> ReadAsync(ShopifyStore store, string orderId, CancellationToken cancellationToken)
    {
        var lines = new List<OrderLine>();
        string? after = null;
        while (true)
        {
            var data = await client.ExecuteAsync(store, ReadOrder, new JsonObject
            {
                ["id"] = orderId, ["first"] = LinePageSize, ["lineItemsAfter"] = after,
            }, cancellationToken);
            var (order, next) = ShopifyAnswer.Read(store, "order", () =>
            {
                var node = data.GetProperty("order");
                if (node.ValueKind == JsonValueKind.Null) throw PlatformException.Permanent($"Shopify store {store} has no order {orderId}");
                var lineItems = node.GetProperty("lineItems");
                lines.AddRange(ShopifyOrderSnapshot.Lines(lineItems));
                return (node, PlatformAnswer.NextPage(lineItems).Cursor);
            });
            if (next is null) return ShopifyAnswer.Read(store, "order", () => ShopifyOrderSnapshot.Read(store.Domain, order, lines));
            after = next;
        }
    }
}
