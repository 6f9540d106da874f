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

    /// <summary>A connection's pageInfo {hasNextPage endCursor}: the cursor of the next page, and whether there is one.</summary>
    public static (string? Cursor, bool More) NextPage(JsonElement connection)
    {
        var info = connection.GetProperty("pageInfo");
        var more = info.GetProperty("hasNextPage").GetBoolean();
        return (more ? info.GetProperty("endCursor").GetString() : null, more);
    }
}
