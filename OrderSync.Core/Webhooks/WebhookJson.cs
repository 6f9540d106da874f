using System.Text.Json;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// Tolerant reads of a webhook body's JSON fields: a field that is absent, null or of another JSON type reads as null,
/// never as an exception, so each normalizer decides which missing field makes a delivery malformed.
/// </summary>
internal static class WebhookJson
{
    /// <summary>Parses a body that must be one JSON object; null (with no exception) when it is not.</summary>
    public static JsonDocument? ParseObject(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        return null;
    }

    public static JsonElement? Child(this JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static string? Text(this JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A whole number that fits in 64 bits; null for fractions, text or anything else.</summary>
    public static long? Integer(this JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static bool? Flag(this JsonElement parent, string name) =>
        Field(parent, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    private static JsonElement? Field(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : null;
}
