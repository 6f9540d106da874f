namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Shopify names a resource by a GraphQL gid in the Admin API and by its number in webhooks; OrderSync keys by the number.</summary>
public static class ShopifyIds
{
    /// <summary>"gid://shopify/Order/5000000001" → "5000000001"; a plain number is returned as it is.</summary>
    public static string Numeric(string id) => id[(id.LastIndexOf('/') + 1)..].Split('?')[0];

    /// <summary>"Order", "5000000001" → "gid://shopify/Order/5000000001"; a gid is returned as it is.</summary>
    public static string Gid(string type, string id) => id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/{type}/{id}";
}
