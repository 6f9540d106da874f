// userErrors / orderCancelUserErrors on Admin GraphQL payloads: {field: [String!], message: String!, code?}
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/UserError
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/OrderCancelUserError
using System.Text.Json;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Turns a payload's user errors into a permanent failure that names each field path.</summary>
internal static class ShopifyUserErrors
{
    public static bool Any(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0;

    /// <param name="who">The store's role in the message: "vendor" or "merchant".</param>
    /// <param name="strict">
    /// The errors must be as the schema says (an array, each with a message); anything else throws as an unexpected shape.
    /// Otherwise a field that is not an array means no errors, and an error without a message is shown whole.
    /// </param>
    public static void ThrowIfAny(JsonElement payload, ShopifyStore store, string what, string name = "userErrors", string who = "vendor", bool strict = false)
    {
        if (strict ? payload.TryGetProperty(name, out var errors) && errors.GetArrayLength() > 0 : Any(payload, name))
            throw PlatformException.Permanent($"{who} store {store} refused {what}: {Describe(payload.GetProperty(name), strict)}");
    }

    public static string Describe(JsonElement userErrors, bool strict = false) => string.Join("; ", userErrors.EnumerateArray().Select(e =>
        (e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Array ? string.Join('.', f.EnumerateArray()) + ": " : "")
        + (strict ? e.GetProperty("message").GetString() : e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString())));
}
