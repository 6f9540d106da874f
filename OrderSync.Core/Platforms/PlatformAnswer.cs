using System.Text.Json;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms;

/// <summary>Reads a platform's answer; an answer not shaped as documented is a transient failure naming the platform, not a crash.</summary>
internal static class PlatformAnswer
{
    /// <param name="subject">Who answered, e.g. "Shopify store x.myshopify.com".</param>
    /// <param name="field">What was answered, e.g. "order".</param>
    public static T Read<T>(string subject, string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or WebhookFormatException)
        {
            throw PlatformException.Transient($"{subject} answered {field} in an unexpected shape: {e.Message}", inner: e);
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
