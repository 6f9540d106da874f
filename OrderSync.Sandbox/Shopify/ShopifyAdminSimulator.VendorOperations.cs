using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// The vendor-side operations of the simulator: orderUpdate, orderEditBegin / SetQuantity / AddVariant / AddCustomItem /
/// Commit, orderCancel (answers a job), order(id:) and orders(query: "updated_at:>…") with cursor pagination.
/// The query answers hold every field the OrderSync clients select (the simulator does not trim to the selection).
/// </summary>
public sealed partial class ShopifyAdminSimulator
{
    private JsonObject VendorOrderUpdate(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        var input = variables["input"];
        if (userError is not null) return Data("orderUpdate", new JsonObject { ["order"] = null, ["userErrors"] = UserErrors(userError) });

        var side = store.VendorSide();
        lock (side.Gate)
        {
            var order = side.Order(input!["id"]!.GetValue<string>());
            if (order is null) return Data("orderUpdate", new JsonObject { ["order"] = null, ["userErrors"] = UserErrors(new("id", "Order does not exist")) });
            if (input["email"] is { } email) order.Email = email.GetValue<string>();
            if (input["phone"] is { } phone) order.Phone = phone.GetValue<string>();
            if (input["note"] is { } note) order.Note = note.GetValue<string>();
            if (input["shippingAddress"] is JsonObject address) order.ShippingAddress = (JsonObject)address.DeepClone();
            if (input["tags"] is JsonArray tags) order.Tags = [.. tags.Select(t => t!.GetValue<string>())];
            if (input["customAttributes"] is JsonArray attributes)
                order.CustomAttributes = [.. attributes.Select(a => KeyValuePair.Create(a!["key"]!.GetValue<string>(), a["value"]!.GetValue<string>()))];
            order.UpdatedAt = _time.GetUtcNow();
            return Data("orderUpdate", new JsonObject { ["order"] = new JsonObject { ["id"] = order.Id }, ["userErrors"] = new JsonArray() });
        }
    }

    private static JsonObject VendorOrderEditBegin(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null) return Data("orderEditBegin", new JsonObject { ["calculatedOrder"] = null, ["userErrors"] = UserErrors(userError) });
        var side = store.VendorSide();
        lock (side.Gate)
        {
            var order = side.Order(variables["id"]!.GetValue<string>());
            if (order is null) return EditRefusal("orderEditBegin", "id", "The order does not exist");
            if (order.CancelledAt is not null) return EditRefusal("orderEditBegin", "id", "The order is cancelled and can't be edited");
            return Data("orderEditBegin", new JsonObject { ["calculatedOrder"] = Calculated(side.BeginEdit(order)), ["userErrors"] = new JsonArray() });
        }
    }

    private static JsonObject VendorOrderEditStep(string field, SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null) return Data(field, new JsonObject { ["calculatedOrder"] = null, ["userErrors"] = UserErrors(userError) });

        var side = store.VendorSide();
        lock (side.Gate)
        {
            var edit = side.Edit(variables["id"]!.GetValue<string>());
            if (edit is null || edit.Committed) return EditRefusal(field, "id", "The calculated order does not exist or was committed");
            var quantity = variables["quantity"]!.GetValue<int>();
            switch (field)
            {
                case "orderEditSetQuantity":
                    var lineId = variables["lineItemId"]!.GetValue<string>();
                    var index = edit.Lines.FindIndex(l => $"gid://shopify/CalculatedLineItem/{l.Number}" == lineId);
                    if (index < 0) return EditRefusal(field, "lineItemId", "The line item does not exist");
                    if (quantity < 0) return EditRefusal(field, "quantity", "Quantity must be greater than or equal to 0");
                    edit.Lines[index] = edit.Lines[index] with { Quantity = quantity };
                    break;
                case "orderEditAddVariant":
                    if (quantity <= 0) return EditRefusal(field, "quantity", "Quantity must be greater than 0");
                    var variant = variables["variantId"]!.GetValue<string>();
                    edit.Lines.Add(new SimulatedLine(++edit.NextLine, $"SKU-{variant[(variant.LastIndexOf('/') + 1)..]}", "Variant", variant, quantity));
                    break;
                default:
                    if (quantity <= 0) return EditRefusal(field, "quantity", "Quantity must be greater than 0");
                    edit.Lines.Add(new SimulatedLine(++edit.NextLine, null, variables["title"]!.GetValue<string>(), null, quantity));
                    break;
            }
            return Data(field, new JsonObject { ["calculatedOrder"] = Calculated(edit), ["userErrors"] = new JsonArray() });
        }
    }

    private JsonObject VendorOrderEditCommit(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null) return Data("orderEditCommit", new JsonObject { ["order"] = null, ["userErrors"] = UserErrors(userError) });
        var side = store.VendorSide();
        lock (side.Gate)
        {
            var edit = side.Edit(variables["id"]!.GetValue<string>());
            if (edit is null || edit.Committed) return EditRefusal("orderEditCommit", "id", "The calculated order does not exist or was committed");
            var order = side.Order(edit.OrderId)!;
            order.Lines = [.. edit.Lines];
            order.NextLine = edit.NextLine;
            order.UpdatedAt = _time.GetUtcNow();
            edit.Committed = true;
            return Data("orderEditCommit", new JsonObject { ["order"] = new JsonObject { ["id"] = order.Id }, ["userErrors"] = new JsonArray() });
        }
    }

    private JsonObject VendorOrderCancel(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        var reason = variables["reason"]!.GetValue<string>();
        if (userError is not null) return CancelRefusal(userError.Field, userError.Message, "INVALID");

        var side = store.VendorSide();
        lock (side.Gate)
        {
            var order = side.Order(variables["orderId"]!.GetValue<string>());
            if (order is null) return CancelRefusal("orderId", "Order does not exist", "NOT_FOUND");
            if (order.CancelledAt is not null) return CancelRefusal("orderId", "Order has already been cancelled", "INVALID");
            // The job "asynchronously cancels the order"; here it completes at once, and the answer says it is not done yet.
            order.CancelledAt = order.UpdatedAt = _time.GetUtcNow();
            order.CancelReason = reason;
            return Data("orderCancel", new JsonObject
            {
                ["job"] = new JsonObject { ["id"] = $"gid://shopify/Job/{Guid.NewGuid()}", ["done"] = false },
                ["orderCancelUserErrors"] = new JsonArray(),
            });
        }
    }

    private static JsonObject VendorOrder(SimulatedShopifyStore store, JsonObject variables)
    {
        var side = store.VendorSide();
        lock (side.Gate)
        {
            var order = side.Order(variables["id"]!.GetValue<string>());
            return new JsonObject { ["data"] = new JsonObject { ["order"] = order is null ? null : OrderNode(order) } };
        }
    }

    internal static bool IsChangedSinceQuery(JsonObject variables) =>
        variables["query"]?.GetValue<string>() is { } q && UpdatedAtFilter().IsMatch(q);

    private static JsonObject VendorOrdersChangedSince(SimulatedShopifyStore store, JsonObject variables)
    {
        var page = OrderTimePage.Parse(variables, UpdatedAtFilter());

        var side = store.VendorSide();
        lock (side.Gate)
            return Data("orders", page.Connection(side.All(), o => o.UpdatedAt, o => o.Id, OrderNode));
    }

    private static JsonObject OrderNode(SimulatedVendorOrder o) => new()
    {
        ["id"] = o.Id,
        ["name"] = o.Name,
        ["tags"] = new JsonArray([.. o.Tags.Select(t => (JsonNode)t)]),
        ["customAttributes"] = new JsonArray([.. o.CustomAttributes.Select(a => (JsonNode)new JsonObject { ["key"] = a.Key, ["value"] = a.Value })]),
        ["email"] = o.Email,
        ["phone"] = o.Phone,
        ["note"] = o.Note,
        ["cancelledAt"] = o.CancelledAt?.ToString("O"),
        ["updatedAt"] = o.UpdatedAt.ToString("O"),
        ["fulfillments"] = new JsonArray([.. o.Fulfillments.Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Id,
            ["status"] = f.Status,
            ["createdAt"] = f.CreatedAt.ToString("O"),
            ["updatedAt"] = f.UpdatedAt.ToString("O"),
            ["trackingInfo"] = new JsonArray([.. f.Tracking.Select(t => (JsonNode)new JsonObject { ["number"] = t.Number, ["company"] = t.Company, ["url"] = t.Url })]),
            ["fulfillmentLineItems"] = new JsonObject
            {
                ["nodes"] = new JsonArray([.. f.Lines.Select(l => (JsonNode)new JsonObject
                {
                    ["lineItem"] = new JsonObject { ["id"] = l.LineId, ["sku"] = l.Sku }, ["quantity"] = l.Quantity,
                })]),
            },
        })]),
    };

    private static JsonObject Calculated(SimulatedEdit edit) => new()
    {
        ["id"] = edit.Id,
        ["lineItems"] = new JsonObject
        {
            ["nodes"] = new JsonArray([.. edit.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = $"gid://shopify/CalculatedLineItem/{l.Number}",
                ["quantity"] = l.Quantity,
                ["sku"] = l.Sku,
                ["title"] = l.Title,
                ["variant"] = l.VariantId is null ? null : new JsonObject { ["id"] = l.VariantId },
            })]),
        },
    };

    private static JsonArray UserErrors(ShopifyFault.UserError e) => new(new JsonObject
    {
        ["field"] = new JsonArray([.. e.Field.Split('.').Select(f => (JsonNode)f)]),
        ["message"] = e.Message,
    });

    private static JsonObject EditRefusal(string field, string path, string message) =>
        Data(field, new JsonObject { ["calculatedOrder"] = null, ["userErrors"] = UserErrors(new(path, message)) });

    private static JsonObject CancelRefusal(string path, string message, string code) => Data("orderCancel", new JsonObject
    {
        ["job"] = null,
        ["orderCancelUserErrors"] = new JsonArray(new JsonObject
        {
            ["field"] = new JsonArray([.. path.Split('.').Select(f => (JsonNode)f)]), ["message"] = message, ["code"] = code,
        }),
    });

    [GeneratedRegex(@"\bupdated_at:\s*(?<op>>=?)\s*'?(?<at>[^'\s]+)'?")]
    private static partial Regex UpdatedAtFilter();
}
