using System.Globalization;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Shopify search-syntax filters the Admin API's list queries take (e.g. the <c>query</c> argument of <c>orders</c>).</summary>
public static class ShopifySearch
{
    /// <summary>Records whose <paramref name="field"/> (a date field such as <c>updated_at</c>) is at or after <paramref name="since"/>, in UTC.</summary>
    public static string Since(string field, DateTimeOffset since) =>
        $"{field}:>='{since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}'";
}
