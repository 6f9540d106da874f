// The merchant-side operations of the Admin GraphQL simulator, answered in the shapes of
// order(id:):                      https://shopify.dev/docs/api/admin-graphql/latest/queries/order
//   (the order's own fields, as the back-fill reads them, are MerchantOrderList.Fields; LineItem {currentQuantity variant
//   originalUnitPriceSet {shopMoney {amount currencyCode}}}: https://shopify.dev/docs/api/admin-graphql/latest/objects/LineItem)
//   (FulfillmentOrder.assignedLocation: https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderAssignedLocation;
//   Fulfillment.fulfillmentOrders, .fulfillmentLineItems: https://shopify.dev/docs/api/admin-graphql/latest/objects/Fulfillment)
// fulfillmentCreate(fulfillment: FulfillmentInput!, message: String) → FulfillmentCreatePayload {fulfillment, userErrors}:
//                                  https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentCreate
// fulfillmentTrackingInfoUpdate(fulfillmentId: ID!, trackingInfoInput: FulfillmentTrackingInput!, notifyCustomer: Boolean):
//                                  https://shopify.dev/docs/api/admin-graphql/latest/mutations/fulfillmentTrackingInfoUpdate
// Like the rest of the simulator it answers a fixed selection (the one OrderSync asks for), not any GraphQL query.
// userError wording is the simulator's own (Shopify's exact messages for these refusals are not documented).
using System.Globalization;
using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Shopify;

internal static class MerchantOrderOperations
{
    public static JsonObject Order(SimulatedShopifyStore store, JsonObject variables)
    {
        var id = variables["id"]?.GetValue<string>();
        var first = variables["first"]?.GetValue<int>() ?? 50;
        return store.WithMerchantOrders(orders =>
        {
            if (id is null || !orders.TryGetValue(id, out var order))
                return new JsonObject { ["data"] = new JsonObject { ["order"] = null } };
            var node = MerchantOrderList.Fields(order);
            node["lineItems"] = Page(order.LineItems, first, variables["lineItemsAfter"], l => new JsonObject
            {
                ["id"] = l.Id, ["sku"] = l.Sku, ["title"] = l.Title, ["quantity"] = l.Quantity, ["currentQuantity"] = l.CurrentQuantity,
                ["variant"] = l.VariantId is null ? null : new JsonObject { ["id"] = l.VariantId },
                ["originalUnitPriceSet"] = new JsonObject
                {
                    ["shopMoney"] = new JsonObject { ["amount"] = l.Price.ToString("0.00", CultureInfo.InvariantCulture), ["currencyCode"] = order.Currency },
                },
            });
            node["transactions"] = new JsonArray([.. order.Transactions.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id, ["gateway"] = t.Gateway, ["kind"] = t.Kind, ["status"] = t.Status,
                ["authorizationCode"] = t.AuthorizationCode, ["receiptJson"] = t.ReceiptJson,
            })]);
            node["fulfillmentOrders"] = Page(order.FulfillmentOrders, first, variables["fulfillmentOrdersAfter"], fo => new JsonObject
            {
                ["id"] = fo.Id,
                ["status"] = fo.Status,
                ["assignedLocation"] = new JsonObject { ["location"] = new JsonObject { ["id"] = fo.LocationId } },
                ["lineItems"] = Page(fo.Lines, 250, null, l => new JsonObject
                {
                    ["id"] = l.Id, ["remainingQuantity"] = l.RemainingQuantity, ["totalQuantity"] = l.TotalQuantity,
                    ["lineItem"] = new JsonObject { ["id"] = l.LineItemId },
                }),
            });
            node["fulfillments"] = new JsonArray([.. order.Fulfillments.Select(f => (JsonNode)Fulfillment(order, f))]);
            return ShopifyAdminSimulator.Data("order", node);
        });
    }

    public static JsonObject FulfillmentCreate(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null) return UserErrors("fulfillmentCreate", userError.Field, userError.Message);

        var input = (JsonObject)variables["fulfillment"]!;
        return store.WithMerchantOrders(orders =>
        {
            var allFulfillmentOrders = orders.Values.SelectMany(o => o.FulfillmentOrders.Select(fo => (Order: o, FulfillmentOrder: fo))).ToList();
            var taken = new List<(SimulatedMerchantOrder Order, SimulatedFulfillmentOrderLine Line, int Quantity)>();
            foreach (var (group, g) in ((JsonArray)input["lineItemsByFulfillmentOrder"]!).Select((n, i) => ((JsonObject)n!, i)))
            {
                var foId = group["fulfillmentOrderId"]!.GetValue<string>();
                var match = allFulfillmentOrders.FirstOrDefault(x => x.FulfillmentOrder.Id == foId);
                if (match.FulfillmentOrder is null)
                    return UserErrors("fulfillmentCreate", $"fulfillment.lineItemsByFulfillmentOrder.{g}.fulfillmentOrderId", "Fulfillment order does not exist.");
                if (group["fulfillmentOrderLineItems"] is not JsonArray { Count: > 0 } wanted)
                {
                    taken.AddRange(match.FulfillmentOrder.Lines.Where(l => l.RemainingQuantity > 0).Select(l => (match.Order, l, l.RemainingQuantity)));
                    continue;
                }
                foreach (var (item, i) in wanted.Select((n, i) => ((JsonObject)n!, i)))
                {
                    var lineId = item["id"]!.GetValue<string>();
                    var quantity = item["quantity"]!.GetValue<int>();
                    var line = match.FulfillmentOrder.Lines.FirstOrDefault(l => l.Id == lineId);
                    var at = $"fulfillment.lineItemsByFulfillmentOrder.{g}.fulfillmentOrderLineItems.{i}";
                    if (line is null) return UserErrors("fulfillmentCreate", $"{at}.id", "Fulfillment order line item does not exist.");
                    var already = taken.Where(t => t.Line == line).Sum(t => t.Quantity);
                    if (quantity <= 0 || quantity + already > line.RemainingQuantity)
                        return UserErrors("fulfillmentCreate", $"{at}.quantity",
                            $"Invalid fulfillment order line item quantity requested: {quantity} of {line.RemainingQuantity - already} remaining.");
                    taken.Add((match.Order, line, quantity));
                }
            }
            if (taken.Count == 0) return UserErrors("fulfillmentCreate", "fulfillment", "Nothing left to fulfil.");
            var orderIds = taken.Select(t => t.Order.Id).Distinct().ToList();
            if (orderIds.Count > 1) return UserErrors("fulfillmentCreate", "fulfillment", "The fulfillment orders belong to different orders.");
            var locations = taken.Select(t => t.Order.FulfillmentOrders.First(fo => fo.Lines.Contains(t.Line)).LocationId).Distinct().Count();
            if (locations > 1) return UserErrors("fulfillmentCreate", "fulfillment", "The fulfillment orders are assigned to different locations.");

            foreach (var (_, line, quantity) in taken) line.RemainingQuantity -= quantity;
            var tracking = input["trackingInfo"] as JsonObject;
            var fulfillment = new SimulatedFulfillment(
                $"gid://shopify/Fulfillment/{store.NextId()}",
                Strings(tracking, "number", "numbers"), Strings(tracking, "url", "urls"), tracking?["company"]?.GetValue<string>(),
                [.. taken.Select(t => (t.Line.Id, t.Quantity))],
                input["notifyCustomer"]?.GetValue<bool>() ?? false, variables["message"]?.GetValue<string>());
            taken[0].Order.Fulfillments.Add(fulfillment);
            return ShopifyAdminSimulator.Data("fulfillmentCreate", new JsonObject { ["fulfillment"] = Fulfillment(taken[0].Order, fulfillment), ["userErrors"] = new JsonArray() });
        });
    }

    public static JsonObject TrackingInfoUpdate(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null) return UserErrors("fulfillmentTrackingInfoUpdate", userError.Field, userError.Message);

        var id = variables["fulfillmentId"]!.GetValue<string>();
        var tracking = (JsonObject)variables["trackingInfoInput"]!;
        return store.WithMerchantOrders(orders =>
        {
            var order = orders.Values.FirstOrDefault(o => o.Fulfillments.Any(f => f.Id == id));
            if (order is null) return UserErrors("fulfillmentTrackingInfoUpdate", "fulfillmentId", "Fulfillment does not exist.");
            var index = order.Fulfillments.FindIndex(f => f.Id == id);
            var updated = order.Fulfillments[index] with
            {
                TrackingNumbers = Strings(tracking, "number", "numbers"), TrackingUrls = Strings(tracking, "url", "urls"),
                Company = tracking["company"]?.GetValue<string>(),
                NotifyCustomer = variables["notifyCustomer"]?.GetValue<bool>() ?? false,
            };
            order.Fulfillments[index] = updated;
            return ShopifyAdminSimulator.Data("fulfillmentTrackingInfoUpdate", new JsonObject { ["fulfillment"] = Fulfillment(order, updated), ["userErrors"] = new JsonArray() });
        });
    }

    private static JsonObject Fulfillment(SimulatedMerchantOrder order, SimulatedFulfillment f)
    {
        var held = f.Lines.Select(l => (FulfillmentOrder: order.FulfillmentOrders.First(fo => fo.Lines.Any(x => x.Id == l.FulfillmentOrderLineId)), l.FulfillmentOrderLineId, l.Quantity)).ToList();
        return new()
        {
            ["id"] = f.Id,
            ["status"] = "SUCCESS",
            ["trackingInfo"] = new JsonArray([.. f.TrackingNumbers.Select((n, i) => (JsonNode)new JsonObject
            {
                ["number"] = n, ["url"] = i < f.TrackingUrls.Count ? f.TrackingUrls[i] : null, ["company"] = f.Company,
            })]),
            ["fulfillmentOrders"] = Page(held.Select(h => h.FulfillmentOrder).Distinct().ToList(), 250, null, fo => new JsonObject { ["id"] = fo.Id }),
            ["fulfillmentLineItems"] = Page(held, 250, null, h => new JsonObject
            {
                ["lineItem"] = new JsonObject { ["id"] = h.FulfillmentOrder.Lines.First(x => x.Id == h.FulfillmentOrderLineId).LineItemId },
                ["quantity"] = h.Quantity,
            }),
        };
    }

    /// <summary>A connection page: nodes after the cursor (cursors are the simulator's own opaque strings) and pageInfo.</summary>
    private static JsonObject Page<T>(IReadOnlyList<T> items, int first, JsonNode? after, Func<T, JsonObject> node)
    {
        var start = after?.GetValue<string>() is { } cursor && cursor.StartsWith("cursor:") ? int.Parse(cursor[7..]) : 0;
        var page = items.Skip(start).Take(first).ToList();
        var end = start + page.Count;
        return new JsonObject
        {
            ["nodes"] = new JsonArray([.. page.Select(i => (JsonNode)node(i))]),
            ["pageInfo"] = new JsonObject { ["hasNextPage"] = end < items.Count, ["endCursor"] = page.Count == 0 ? null : $"cursor:{end}" },
        };
    }

    private static List<string> Strings(JsonObject? tracking, string single, string plural)
    {
        var list = new List<string>();
        if (tracking?[single]?.GetValue<string>() is { } one) list.Add(one);
        if (tracking?[plural] is JsonArray many) list.AddRange(many.Select(n => n!.GetValue<string>()).Where(v => !list.Contains(v)));
        return list;
    }

    private static JsonObject UserErrors(string field, string path, string message) =>
        ShopifyAdminSimulator.Data(field, new JsonObject
        {
            ["fulfillment"] = null,
            ["userErrors"] = new JsonArray(new JsonObject
            {
                ["field"] = new JsonArray([.. path.Split('.').Select(f => (JsonNode)f)]), ["message"] = message,
            }),
        });
}
