using System.Text.Json;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Reads a field of a GraphQL answer; an answer not shaped as the schema says is a transient failure, not a crash.</summary>
internal static class ShopifyAnswer
{
    public static T Read<T>(ShopifyStore store, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException)
        {
            throw PlatformException.Transient($"Shopify store {store} answered {field} in an unexpected shape: {e.Message}", inner: e);
        }
    }
}
