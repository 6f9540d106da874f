// A merchant's order on their Shopify store, through the Admin GraphQL API.
// order(id: ID!): https://shopify.dev/docs/api/admin-graphql/latest/queries/order
//   Order.lineItems (connection: nodes {id sku title quantity}, pageInfo {hasNextPage endCursor}),
//   Order.transactions(first:) (a list of OrderTransaction {id gateway kind status authorizationCode receiptJson}:
//     https://shopify.dev/docs/api/admin-graphql/latest/objects/OrderTransaction),
//   Order.fulfillmentOrders (connection of FulfillmentOrder {id status assignedLocation lineItems {nodes {id remainingQuantity totalQuantity lineItem {id}}}}:
//     https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderLineItem),
//   FulfillmentOrder.assignedLocation: FulfillmentOrderAssignedLocation {location: Location (nullable), the location where
//     the fulfillment is expected to happen}: https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderAssignedLocation
//   Order.fulfillments(first:) (a list of Fulfillment {id trackingInfo {number url company} fulfillmentOrders (connection)
//     fulfillmentLineItems (connection of FulfillmentLineItem {lineItem quantity})}:
//     https://shopify.dev/docs/api/admin-graphql/latest/objects/Fulfillment,
//     https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentLineItem).
// fulfillmentCreate(fulfillment: FulfillmentInput!, message: String) → FulfillmentCreatePayload {fulfillment, userErrors}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentCreate
//   FulfillmentInput {lineItemsByFulfillmentOrder: [{fulfillmentOrderId, fulfillmentOrderLineItems: [{id, quantity}]}]!,
//   notifyCustomer, originAddress, trackingInfo: FulfillmentTrackingInput {number url company numbers urls}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentInput
// fulfillmentTrackingInfoUpdate(fulfillmentId: ID!, trackingInfoInput: FulfillmentTrackingInput!, notifyCustomer: Boolean):
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentTrackingInfoUpdate
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.Shopify;

public sealed class ShopifyMerchantOrders(ShopifyGraphQlClient client, IOptions<ShopifyMerchantOptions> options)
{
    private const int ListLimit = 250;

    private const string ReadOrder = """
        query OrderSyncMerchantOrder($id: ID!, $first: Int!, $lineItemsAfter: String, $fulfillmentOrdersAfter: String) {
          order(id: $id) {
            id
            name
            lineItems(first: $first, after: $lineItemsAfter) {
              nodes { id sku title quantity }
              pageInfo { hasNextPage endCursor }
            }
            transactions(first: 250) { id gateway kind status authorizationCode receiptJson }
            fulfillmentOrders(first: $first, after: $fulfillmentOrdersAfter) {
              nodes {
                id
                status
                assignedLocation { location { id } }
                lineItems(first: 250) {
                  nodes { id remainingQuantity totalQuantity lineItem { id } }
                  pageInfo { hasNextPage }
                }
              }
              pageInfo { hasNextPage endCursor }
            }
            fulfillments(first: 250) {
              id
              trackingInfo { number }
              fulfillmentOrders(first: 250) { nodes { id } pageInfo { hasNextPage } }
              fulfillmentLineItems(first: 250) { nodes { lineItem { id } quantity } pageInfo { hasNextPage } }
            }
          }
        }
        """;

    private const string Create = """
        mutation OrderSyncFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
          fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
            fulfillment { id trackingInfo { number } }
            userErrors { field message }
          }
        }
        """;

    private const string UpdateTracking = """
        mutation OrderSyncFulfillmentTracking($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
          fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
            fulfillment { id trackingInfo { number } }
            userErrors { field message }
          }
        }
        """;

    /// <summary>Reads the order with all its line items and fulfillment orders (following the pages), transactions and fulfillments.</summary>
    public async Task<ShopifyMerchantOrder> ReadAsync(ShopifyStore store, string orderId, CancellationToken cancellationToken)
    {
        var first = await PageAsync(store, orderId, null, null, cancellationToken);
        var order = ShopifyAnswer.Read(store, "order", () => ReadOrderNode(store, orderId, first));
        var lines = new List<ShopifyLineItem>();
        var fulfillmentOrders = new List<ShopifyFulfillmentOrder>();
        var page = order;
        while (true)
        {
            var (lineCursor, more) = ShopifyAnswer.Read(store, "order", () => AddLines(page, lines));
            if (!more) break;
            var next = await PageAsync(store, orderId, lineCursor, null, cancellationToken);
            page = ShopifyAnswer.Read(store, "order", () => ReadOrderNode(store, orderId, next));
        }
        page = order;
        while (true)
        {
            var (foCursor, more) = ShopifyAnswer.Read(store, "order", () => AddFulfillmentOrders(store, page, fulfillmentOrders));
            if (!more) break;
            var next = await PageAsync(store, orderId, null, foCursor, cancellationToken);
            page = ShopifyAnswer.Read(store, "order", () => ReadOrderNode(store, orderId, next));
        }
        return ShopifyAnswer.Read(store, "order", () => new ShopifyMerchantOrder(
            order.GetProperty("id").GetString()!,
            order.TryGetProperty("name", out var name) ? name.GetString() : null,
            [.. lines],
            [.. order.GetProperty("transactions").EnumerateArray().Select(Transaction)],
            [.. fulfillmentOrders],
            [.. order.GetProperty("fulfillments").EnumerateArray().Select(f => Fulfillment(store, f))]));
    }

    /// <summary>
    /// Creates the fulfillment once. Before creating, the order's fulfillments are read and one whose tracking numbers are
    /// the request's and that fulfils the request's fulfillment orders is returned instead: a retry whose first answer was
    /// lost does not fulfil twice, and the fulfillments of one shipment at several locations (same tracking) are told
    /// apart. (Without tracking numbers there is nothing to recognise; Shopify still refuses to fulfil more than remains.)
    /// </summary>
    public async Task<ShopifyFulfillment> CreateFulfillmentAsync(ShopifyStore store, ShopifyFulfillmentRequest request, CancellationToken cancellationToken)
    {
        RequireLines(request);
        var order = request.TrackingNumbers.IsDefaultOrEmpty ? null : await ReadAsync(store, request.OrderId, cancellationToken);
        return await CreateOnceAsync(store, order, request, cancellationToken);
    }

    /// <summary>As <see cref="CreateFulfillmentAsync(ShopifyStore, ShopifyFulfillmentRequest, CancellationToken)"/>, recognising an existing fulfillment in <paramref name="order"/>, already read (by <see cref="ReadAsync"/>), instead of reading it again.</summary>
    public async Task<ShopifyFulfillment> CreateFulfillmentAsync(ShopifyStore store, ShopifyMerchantOrder order, ShopifyFulfillmentRequest request, CancellationToken cancellationToken)
    {
        RequireLines(request);
        return await CreateOnceAsync(store, order, request, cancellationToken);
    }

    private static void RequireLines(ShopifyFulfillmentRequest request)
    {
        if (request.Lines.IsDefaultOrEmpty) throw PlatformException.Permanent("a fulfillment needs at least one fulfillment-order line");
    }

    private async Task<ShopifyFulfillment> CreateOnceAsync(ShopifyStore store, ShopifyMerchantOrder? order, ShopifyFulfillmentRequest request, CancellationToken cancellationToken)
    {
        if (order is not null && FulfillmentsWith(order, request.TrackingNumbers)
                .FirstOrDefault(f => request.Lines.All(l => f.FulfillmentOrderIds.Contains(l.FulfillmentOrderId))) is { } existing)
            return existing;

        var input = new JsonObject
        {
            ["lineItemsByFulfillmentOrder"] = new JsonArray([.. request.Lines.GroupBy(l => l.FulfillmentOrderId).Select(g => (JsonNode)new JsonObject
            {
                ["fulfillmentOrderId"] = g.Key,
                ["fulfillmentOrderLineItems"] = new JsonArray([.. g.Select(l => (JsonNode)new JsonObject
                {
                    ["id"] = l.FulfillmentOrderLineItemId, ["quantity"] = l.Quantity,
                })]),
            })]),
            ["notifyCustomer"] = request.NotifyCustomer ?? options.Value.NotifyCustomer,
            ["trackingInfo"] = Tracking(request.TrackingNumbers, request.TrackingUrls, request.Company),
        };
        var variables = new JsonObject { ["fulfillment"] = input };
        if (request.Message is { } message) variables["message"] = message;
        var data = await client.ExecuteAsync(store, Create, variables, cancellationToken);
        return Payload(store, data, "fulfillmentCreate");
    }

    /// <summary>The order's fulfillments whose tracking numbers are exactly <paramref name="trackingNumbers"/>; none for no numbers.</summary>
    public static ImmutableArray<ShopifyFulfillment> FulfillmentsWith(ShopifyMerchantOrder order, ImmutableArray<string> trackingNumbers)
    {
        if (trackingNumbers.IsDefaultOrEmpty) return [];
        var wanted = trackingNumbers.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. order.Fulfillments.Where(f => f.TrackingNumbers.Length > 0 && wanted.SetEquals(f.TrackingNumbers))];
    }

    /// <summary>Replaces the tracking of an existing fulfillment.</summary>
    public async Task<ShopifyFulfillment> UpdateTrackingAsync(ShopifyStore store, string fulfillmentId, ImmutableArray<string> trackingNumbers,
        ImmutableArray<string> trackingUrls, string? company, bool? notifyCustomer, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, UpdateTracking, new JsonObject
        {
            ["fulfillmentId"] = fulfillmentId,
            ["trackingInfoInput"] = Tracking(trackingNumbers, trackingUrls, company),
            ["notifyCustomer"] = notifyCustomer ?? options.Value.NotifyCustomer,
        }, cancellationToken);
        return Payload(store, data, "fulfillmentTrackingInfoUpdate");
    }

    private Task<JsonElement> PageAsync(ShopifyStore store, string orderId, string? lineItemsAfter, string? fulfillmentOrdersAfter, CancellationToken cancellationToken) =>
        client.ExecuteAsync(store, ReadOrder, new JsonObject
        {
            ["id"] = orderId, ["first"] = options.Value.PageSize,
            ["lineItemsAfter"] = lineItemsAfter, ["fulfillmentOrdersAfter"] = fulfillmentOrdersAfter,
        }, cancellationToken);

    private static JsonElement ReadOrderNode(ShopifyStore store, string orderId, JsonElement data)
    {
        var order = data.GetProperty("order");
        if (order.ValueKind == JsonValueKind.Null) throw PlatformException.Permanent($"Shopify store {store} has no order {orderId}");
        if (order.ValueKind != JsonValueKind.Object) throw new InvalidOperationException("order is not an object");
        return order;
    }

    private static (string? Cursor, bool More) AddLines(JsonElement order, List<ShopifyLineItem> lines)
    {
        var connection = order.GetProperty("lineItems");
        lines.AddRange(connection.GetProperty("nodes").EnumerateArray().Select(n => new ShopifyLineItem(
            n.GetProperty("id").GetString()!, n.Text("sku"), n.Text("title"), n.GetProperty("quantity").GetInt32())));
        return PlatformAnswer.NextPage(connection);
    }

    private static (string? Cursor, bool More) AddFulfillmentOrders(ShopifyStore store, JsonElement order, List<ShopifyFulfillmentOrder> into)
    {
        var connection = order.GetProperty("fulfillmentOrders");
        foreach (var fo in connection.GetProperty("nodes").EnumerateArray())
        {
            var id = fo.GetProperty("id").GetString()!;
            var lineConnection = fo.GetProperty("lineItems");
            if (PlatformAnswer.NextPage(lineConnection).More)
                throw PlatformException.Permanent($"Shopify store {store}: fulfillment order {id} has more than {ListLimit} lines, which OrderSync does not page through");
            into.Add(new ShopifyFulfillmentOrder(id, fo.Text("status"), [.. lineConnection.GetProperty("nodes").EnumerateArray().Select(l =>
                new ShopifyFulfillmentOrderLine(l.GetProperty("id").GetString()!, l.GetProperty("lineItem").GetProperty("id").GetString()!,
                    l.GetProperty("remainingQuantity").GetInt32(), l.GetProperty("totalQuantity").GetInt32()))],
                fo.Child("assignedLocation") is { } assigned && assigned.Child("location") is { } location ? location.Text("id") : null));
        }
        return PlatformAnswer.NextPage(connection);
    }

    private static ShopifyTransaction Transaction(JsonElement t) => new(
        t.GetProperty("id").GetString()!, t.Text("gateway"), t.GetProperty("kind").GetString()!, t.GetProperty("status").GetString()!,
        t.Text("authorizationCode"),
        t.TryGetProperty("receiptJson", out var receipt) && receipt.ValueKind != JsonValueKind.Null
            ? (receipt.ValueKind == JsonValueKind.String ? receipt.GetString() : receipt.GetRawText())
            : null);

    /// <summary>A Fulfillment; its fulfillmentOrders and fulfillmentLineItems when selected (the order read), else empty.</summary>
    private static ShopifyFulfillment Fulfillment(ShopifyStore store, JsonElement f)
    {
        var id = f.GetProperty("id").GetString()!;
        return new(id,
            [.. f.GetProperty("trackingInfo").EnumerateArray().Select(t => OptionalString(t, "number")).OfType<string>()],
            [.. Nodes(store, id, f, "fulfillmentOrders").Select(n => n.GetProperty("id").GetString()!)],
            [.. Nodes(store, id, f, "fulfillmentLineItems").Select(n => new ShopifyFulfilledUnits(
                n.GetProperty("lineItem").GetProperty("id").GetString()!,
                n.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : 0))]);
    }

    private static IEnumerable<JsonElement> Nodes(ShopifyStore store, string fulfillmentId, JsonElement parent, string connection)
    {
        if (parent.Child(connection) is not { } nodes) return [];
        if (nodes.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            throw PlatformException.Permanent($"Shopify store {store}: fulfillment {fulfillmentId} has more than {ListLimit} {connection}, which OrderSync does not page through");
        return nodes.GetProperty("nodes").EnumerateArray();
    }

    private static ShopifyFulfillment Payload(ShopifyStore store, JsonElement data, string field) => ShopifyAnswer.Read(store, field, () =>
    {
        var payload = data.GetProperty(field);
        ShopifyUserErrors.ThrowIfAny(payload, store, field, who: "merchant", strict: true);
        var fulfillment = payload.GetProperty("fulfillment");
        if (fulfillment.ValueKind != JsonValueKind.Object) throw new InvalidOperationException("fulfillment is null");
        return Fulfillment(store, fulfillment);
    });

    private static JsonObject Tracking(ImmutableArray<string> numbers, ImmutableArray<string> urls, string? company)
    {
        var tracking = new JsonObject();
        if (!numbers.IsDefaultOrEmpty) tracking["numbers"] = new JsonArray([.. numbers.Select(n => (JsonNode)n)]);
        if (!urls.IsDefaultOrEmpty) tracking["urls"] = new JsonArray([.. urls.Select(u => (JsonNode)u)]);
        if (company is not null) tracking["company"] = company;
        return tracking;
    }

    /// <summary>Unlike <see cref="JsonFields.Text"/>, throws on an element that is not an object (an unexpected shape); kept for that.</summary>
    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
