namespace OrderSync.Core.Configuration;

/// <summary>API base URLs, ending in '/' so relative API paths resolve under them rather than replacing their last segment.</summary>
public static class BaseUrl
{
    public static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");

    /// <summary>A Shopify store's Admin API base: the configured one, else https://{shop}/.</summary>
    public static Uri ShopifyAdmin(Uri? configured, string? shop) => WithTrailingSlash(configured?.ToString() ?? $"https://{shop}/");
}
