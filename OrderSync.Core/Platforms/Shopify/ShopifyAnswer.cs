namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Reads a field of a GraphQL answer as <see cref="PlatformAnswer.Read"/>, naming the store.</summary>
internal static class ShopifyAnswer
{
    public static T Read<T>(ShopifyStore store, string field, Func<T> read) => PlatformAnswer.Read($"Shopify store {store}", field, read);
}
