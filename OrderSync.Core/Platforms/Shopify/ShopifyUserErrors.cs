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

    public static void ThrowIfAny(JsonElement payload, ShopifyStore store, string what, string name = "userErrors")
    {
        if (Any(payload, name))
            throw PlatformException.Permanent($"vendor store {store} refused {what}: {Describe(payload.GetProperty(name))}");
    }

    public static string Describe(JsonElement userErrors) => string.Join("; ", userErrors.EnumerateArray().Select(e =>
        (e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Array ? string.Join('.', f.EnumerateArray()) + ": " : "")
        + (e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString())));
}
