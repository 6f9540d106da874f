using System.Text.Json.Nodes;
using static OrderSync.Sandbox.Shopify.ShopifyInputSchema;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// Input types of the vendor-side operations (Admin GraphQL, 2025-10 and later), checked the way
/// <see cref="ShopifyInputSchema"/> checks orderCreate: unknown fields and missing required fields are refused.
/// OrderInput: https://shopify.dev/docs/api/admin-graphql/2026-07/input-objects/OrderInput;
/// OrderCancelRefundMethodInput: https://shopify.dev/docs/api/admin-graphql/2026-07/input-objects/OrderCancelRefundMethodInput;
/// MoneyInput {amount!, currencyCode!}: https://shopify.dev/docs/api/admin-graphql/unstable/input-objects/moneyinput.
/// </summary>
internal static class ShopifyVendorInputSchema
{
    private static readonly InputType MailingAddressInput = new("MailingAddressInput", Names(false,
        "address1", "address2", "city", "company", "countryCode", "firstName", "lastName", "phone", "provinceCode", "zip",
        "country", "province", "id"));

    private static readonly InputType AttributeInput = new("AttributeInput", Names(true, "key", "value"));

    public static readonly InputType OrderInput = new("OrderInput", new()
    {
        ["id"] = new(true), ["email"] = new(false), ["note"] = new(false), ["phone"] = new(false), ["poNumber"] = new(false),
        ["tags"] = new(false, List: true), ["metafields"] = new(false, List: true), ["localizedFields"] = new(false, List: true),
        ["localizationExtensions"] = new(false, List: true),
        ["shippingAddress"] = new(false, MailingAddressInput),
        ["customAttributes"] = new(false, AttributeInput, List: true),
    });

    public static readonly InputType MoneyInput = new("MoneyInput", Names(true, "amount", "currencyCode"));

    public static readonly InputType OrderCancelRefundMethodInput = new("OrderCancelRefundMethodInput",
        Names(false, "originalPaymentMethodsRefund", "storeCreditRefund"));

    public static readonly string[] CancelReasons = ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"];

    /// <summary>The GraphQL error answer for invalid variables, as the simulator answers it for orderCreate.</summary>
    public static JsonObject? Refusal(string variable, string typeName, List<(string Path, string Explanation)> problems) =>
        problems.Count == 0 ? null : new JsonObject
        {
            ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject
            {
                ["message"] = $"Variable ${variable} of type {typeName} was provided invalid value for {p.Path} ({p.Explanation})",
                ["extensions"] = new JsonObject
                {
                    ["problems"] = new JsonArray(new JsonObject { ["path"] = p.Path, ["explanation"] = p.Explanation }),
                },
            })]),
        };

    private static Dictionary<string, Field> Names(bool required, params string[] names) => names.ToDictionary(n => n, _ => new Field(required));
}
