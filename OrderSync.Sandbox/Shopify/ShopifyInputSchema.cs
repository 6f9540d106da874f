using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// The input types of the operations the simulator serves, as in the Admin GraphQL schema (2025-10 and later):
/// unknown fields and missing required fields are refused the way Shopify refuses them, so a client bug shows here.
/// </summary>
internal static class ShopifyInputSchema
{
    internal sealed record InputType(string Name, Dictionary<string, Field> Fields);

    internal sealed record Field(bool Required, InputType? Nested = null, bool List = false, bool Int = false);

    private static readonly InputType MoneyInput = new("MoneyInput", new()
    {
        ["amount"] = new(true), ["currencyCode"] = new(true),
    });

    private static readonly InputType MoneyBagInput = new("MoneyBagInput", new()
    {
        ["shopMoney"] = new(true, MoneyInput), ["presentmentMoney"] = new(false, MoneyInput),
    });

    private static readonly InputType MailingAddressInput = new("MailingAddressInput", Optional(
        "address1", "address2", "city", "company", "countryCode", "firstName", "lastName", "phone", "provinceCode", "zip",
        "country", "province", "id"));

    private static readonly InputType CustomAttributeInput = new("OrderCreateCustomAttributeInput", new()
    {
        ["key"] = new(true), ["value"] = new(true),
    });

    private static readonly InputType ShippingLineInput = new("OrderCreateShippingLineInput", new()
    {
        ["code"] = new(false), ["priceSet"] = new(true, MoneyBagInput), ["source"] = new(false),
        ["taxLines"] = new(false, List: true), ["title"] = new(true),
    });

    private static readonly InputType LineItemInput = new("OrderCreateLineItemInput", Merge(
        Optional("fulfillmentService", "giftCard", "productId", "properties", "requiresShipping", "sku", "taxLines",
            "taxable", "title", "variantId", "variantTitle", "vendor", "weight"),
        new() { ["quantity"] = new(true, Int: true), ["priceSet"] = new(false, MoneyBagInput) }));

    public static readonly InputType OrderCreateOrderInput = new("OrderCreateOrderInput", Merge(
        Optional("buyerAcceptsMarketing", "closedAt", "companyLocationId", "currency", "customerId", "customer",
            "discountCode", "email", "financialStatus", "fulfillment", "fulfillmentStatus", "metafields", "name", "note",
            "phone", "poNumber", "presentmentCurrency", "processedAt", "referringSite", "sourceIdentifier", "sourceName",
            "sourceUrl", "tags", "taxesIncluded", "taxLines", "test", "transactions", "userId"),
        new()
        {
            ["billingAddress"] = new(false, MailingAddressInput), ["shippingAddress"] = new(false, MailingAddressInput),
            ["lineItems"] = new(false, LineItemInput, List: true), ["customAttributes"] = new(false, CustomAttributeInput, List: true),
            ["shippingLines"] = new(false, ShippingLineInput, List: true),
        }));

    // fulfillmentCreate / fulfillmentTrackingInfoUpdate inputs, as in
    // https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentInput (and its linked input objects).
    public static readonly InputType FulfillmentTrackingInput = new("FulfillmentTrackingInput", Merge(
        Optional("number", "url", "company"),
        new() { ["numbers"] = new(false, List: true), ["urls"] = new(false, List: true) }));

    private static readonly InputType FulfillmentOrderLineItemInput = new("FulfillmentOrderLineItemInput", new()
    {
        ["id"] = new(true), ["quantity"] = new(true, Int: true),
    });

    private static readonly InputType FulfillmentOrderLineItemsInput = new("FulfillmentOrderLineItemsInput", new()
    {
        ["fulfillmentOrderId"] = new(true), ["fulfillmentOrderLineItems"] = new(false, FulfillmentOrderLineItemInput, List: true),
    });

    private static readonly InputType FulfillmentOriginAddressInput = new("FulfillmentOriginAddressInput", Merge(
        Optional("address1", "address2", "city", "zip", "provinceCode"), new() { ["countryCode"] = new(true) }));

    public static readonly InputType FulfillmentInput = new("FulfillmentInput", new()
    {
        ["lineItemsByFulfillmentOrder"] = new(true, FulfillmentOrderLineItemsInput, List: true),
        ["notifyCustomer"] = new(false), ["originAddress"] = new(false, FulfillmentOriginAddressInput),
        ["trackingInfo"] = new(false, FulfillmentTrackingInput),
    });

    /// <summary>The problems with <paramref name="value"/> as the given input type, each with its path; empty when valid.</summary>
    public static List<(string Path, string Explanation)> Problems(JsonNode? value, InputType type, string path = "")
    {
        var problems = new List<(string, string)>();
        if (value is not JsonObject obj)
        {
            problems.Add((path, $"Expected value to be an object for {type.Name}"));
            return problems;
        }
        foreach (var (name, node) in obj)
        {
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (!type.Fields.TryGetValue(name, out var field)) problems.Add((at, $"Field is not defined on {type.Name}"));
            else if (node is not null) problems.AddRange(FieldProblems(node, field, at));
        }
        foreach (var (name, field) in type.Fields.Where(f => f.Value.Required && obj[f.Key] is null))
            problems.Add((path.Length == 0 ? name : $"{path}.{name}", $"Expected value to not be null ({type.Name}.{name} is required)"));
        return problems;
    }

    private static IEnumerable<(string, string)> FieldProblems(JsonNode node, Field field, string at)
    {
        if (field.List)
        {
            if (node is not JsonArray items) return [(at, "Expected value to be a list")];
            return items.SelectMany((item, i) => ItemProblems(item, field, $"{at}.{i}"));
        }
        return ItemProblems(node, field, at);
    }

    private static IEnumerable<(string, string)> ItemProblems(JsonNode? item, Field field, string at)
    {
        if (field.Nested is not null) return Problems(item, field.Nested, at);
        if (field.Int && (item is not JsonValue v || !v.TryGetValue<int>(out _))) return [(at, "Could not coerce value to Int")];
        return [];
    }

    private static Dictionary<string, Field> Optional(params string[] names) => names.ToDictionary(n => n, _ => new Field(false));

    private static Dictionary<string, Field> Merge(Dictionary<string, Field> a, Dictionary<string, Field> b)
    {
        foreach (var (k, v) in b) a[k] = v;
        return a;
    }
}
