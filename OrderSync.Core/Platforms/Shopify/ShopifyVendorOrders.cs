// Orders on a vendor's Shopify store, through the Admin GraphQL API.
// orderCreate(order: OrderCreateOrderInput!, options: OrderCreateOptionsInput) → OrderCreatePayload {order, userErrors {field message code}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCreate
//   line items (OrderCreateLineItemInput: sku, title, quantity, priceSet {shopMoney {amount currencyCode}}, requiresShipping),
//   address (MailingAddressInput: firstName lastName company address1 address2 city provinceCode countryCode zip phone).
// orders(first, query: "tag:…") search: https://shopify.dev/docs/api/admin-graphql/latest/queries/orders
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>A vendor's order as its platform knows it.</summary>
public sealed record VendorOrderRef(string Id, string? Name);

public sealed class ShopifyVendorOrders(ShopifyGraphQlClient client)
{
    private const string FindByTag = """
        query OrderSyncFindOrder($query: String!) {
          orders(first: 1, query: $query) { nodes { id name } }
        }
        """;

    private const string Create = """
        mutation OrderSyncCreateOrder($order: OrderCreateOrderInput!) {
          orderCreate(order: $order) {
            order { id name }
            userErrors { field message code }
          }
        }
        """;

    /// <summary>
    /// Creates the vendor order once: the order is tagged with a tag derived from the idempotency key, and a retry
    /// finds the tagged order instead of creating a second one (orderCreate takes no idempotency key of Shopify's).
    /// </summary>
    /// <param name="mayHaveRun">False on a command's first run, which has nothing to find: the search is left out.</param>
    public async Task<VendorOrderRef> CreateAsync(ShopifyStore store, VendorOrderDraft draft, string idempotencyKey, bool mayHaveRun, CancellationToken cancellationToken)
    {
        var tag = IdempotencyTag(idempotencyKey);
        if (mayHaveRun && await FindAsync(store, tag, cancellationToken) is { } existing) return existing;

        var data = await client.ExecuteAsync(store, Create, new JsonObject { ["order"] = OrderInput(draft, tag, idempotencyKey) }, cancellationToken);
        return ShopifyAnswer.Read(store, "orderCreate", () =>
        {
            var payload = data.GetProperty("orderCreate");
            ShopifyUserErrors.ThrowIfAny(payload, store, "the order", strict: true);
            return Reference(payload.GetProperty("order"));
        });
    }

    public async Task<VendorOrderRef?> FindAsync(ShopifyStore store, string tag, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, FindByTag, new JsonObject { ["query"] = $"tag:'{tag}'" }, cancellationToken);
        return ShopifyAnswer.Read(store, "orders", () =>
        {
            var nodes = data.GetProperty("orders").GetProperty("nodes");
            return nodes.GetArrayLength() == 0 ? null : Reference(nodes[0]);
        });
    }

    private static VendorOrderRef Reference(JsonElement order) =>
        new(order.GetProperty("id").GetString() ?? throw new InvalidOperationException("order id is null"),
            order.TryGetProperty("name", out var name) ? name.GetString() : null);

    /// <summary>A short tag (Shopify's order-tag limit is not documented; 40 characters is the safe side) naming the command.</summary>
    public static string IdempotencyTag(string idempotencyKey) =>
        "ordersync-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..24];

    private static JsonObject OrderInput(VendorOrderDraft draft, string tag, string idempotencyKey)
    {
        var input = new JsonObject
        {
            ["currency"] = draft.Currency,
            ["tags"] = new JsonArray("ordersync", tag),
            ["sourceIdentifier"] = draft.MerchantOrder.ToString(),
            ["customAttributes"] = new JsonArray(
                Attribute("ordersync_merchant_order", $"{draft.MerchantOrder} {draft.MerchantOrderName}"),
                Attribute("ordersync_key", idempotencyKey)),
            ["lineItems"] = new JsonArray([.. draft.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["sku"] = l.VendorSku,
                ["title"] = l.Title,
                ["quantity"] = l.Quantity,
                ["requiresShipping"] = true,
                ["priceSet"] = Money(l.UnitPrice, draft.Currency),
            })]),
        };
        if (draft.Customer.Email is { } email) input["email"] = email;
        if (draft.Customer.Phone is { } phone) input["phone"] = phone;
        if (draft.Note is { } note) input["note"] = note;
        if (draft.ShippingAddress is { } a) input["shippingAddress"] = Address(a);
        if (draft.ShippingMethod is { } method)
            input["shippingLines"] = new JsonArray(new JsonObject { ["title"] = method, ["priceSet"] = Money(0m, draft.Currency) });
        return input;
    }

    internal static JsonObject Address(Address a) => new()
    {
        ["firstName"] = a.FirstName, ["lastName"] = a.LastName, ["company"] = a.Company,
        ["address1"] = a.Address1, ["address2"] = a.Address2, ["city"] = a.City,
        ["provinceCode"] = a.ProvinceCode, ["countryCode"] = a.CountryCode, ["zip"] = a.Zip, ["phone"] = a.Phone,
    };

    private static JsonObject Money(decimal amount, string currency) => new()
    {
        ["shopMoney"] = new JsonObject { ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["currencyCode"] = currency },
    };

    private static JsonObject Attribute(string key, string value) => new() { ["key"] = key, ["value"] = value };
}
