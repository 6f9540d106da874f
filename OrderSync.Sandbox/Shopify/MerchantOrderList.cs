// The merchant's order list, as the back-fill reads it:
// orders(first, after, sortKey: CREATED_AT, query: "created_at:>='…'") → OrderConnection {nodes, pageInfo {hasNextPage endCursor}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/queries/orders (search syntax: https://shopify.dev/api/usage/search-syntax)
// Order fields: https://shopify.dev/docs/api/admin-graphql/latest/objects/Order (MailingAddress.countryCodeV2, displayFinancialStatus,
//   shippingLine {title}, closedAt). Like the rest of the simulator it answers a fixed selection (every field OrderSync asks
//   for), not any GraphQL query; cursors are opaque strings of its own.
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderSync.Sandbox.Shopify;

internal static partial class MerchantOrderList
{
    public static bool IsCreatedSinceQuery(JsonObject variables) =>
        variables["query"]?.GetValue<string>() is { } q && CreatedAtFilter().IsMatch(q);

    /// <summary>The store's merchant orders created at or after (or after) the filter's time, oldest first, a page at a time.</summary>
    public static JsonObject CreatedSince(SimulatedShopifyStore store, JsonObject variables)
    {
        var page = OrderTimePage.Parse(variables, CreatedAtFilter());
        return store.WithMerchantOrders(orders => ShopifyAdminSimulator.Data("orders",
            page.Connection(orders.Values, o => o.CreatedAt, o => o.Id, Fields, comparedAs: Seconds)));
    }

    /// <summary>The order's own fields (no connections), times in whole seconds as Shopify gives them.</summary>
    public static JsonObject Fields(SimulatedMerchantOrder o) => new()
    {
        ["id"] = o.Id,
        ["name"] = o.Name,
        ["currencyCode"] = o.Currency,
        ["email"] = o.Email,
        ["phone"] = o.Phone,
        ["note"] = o.Note,
        ["tags"] = new JsonArray([.. o.Tags.Select(t => (JsonNode)t)]),
        ["displayFinancialStatus"] = o.FinancialStatus,
        ["createdAt"] = Time(o.CreatedAt),
        ["updatedAt"] = Time(o.UpdatedAt),
        ["cancelledAt"] = o.CancelledAt is { } cancelled ? Time(cancelled) : null,
        ["closedAt"] = o.ClosedAt is { } closed ? Time(closed) : null,
        ["customer"] = o.FirstName is null && o.LastName is null ? null : new JsonObject { ["firstName"] = o.FirstName, ["lastName"] = o.LastName },
        ["shippingAddress"] = o.ShippingAddress is not { } a ? null : new JsonObject
        {
            ["firstName"] = a.FirstName, ["lastName"] = a.LastName, ["company"] = a.Company, ["address1"] = a.Address1, ["address2"] = a.Address2,
            ["city"] = a.City, ["provinceCode"] = a.ProvinceCode, ["countryCodeV2"] = a.CountryCode, ["zip"] = a.Zip, ["phone"] = a.Phone,
        },
        ["shippingLine"] = o.ShippingMethod is null ? null : new JsonObject { ["title"] = o.ShippingMethod },
    };

    private static DateTimeOffset Seconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static string Time(DateTimeOffset t) => Seconds(t).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bcreated_at:\s*(?<op>>=?)\s*'?(?<at>[^'\s]+)'?")]
    private static partial Regex CreatedAtFilter();
}
