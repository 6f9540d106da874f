using System.Globalization;
using System.Text.Json;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// Reads fields of a webhook body leniently: a missing field or one of the wrong kind reads as null, never as an
/// exception. Ids keep their exact digits (they exceed 2^53); amounts may come as text (Shopify, PayPal) or numbers.
/// </summary>
public static class JsonFields
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

    /// <summary>A child object, or null when absent or not an object.</summary>
    public static JsonElement? Child(this JsonElement parent, string name) =>
        parent.Object(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>A whole number that fits in 64 bits; null for fractions, text or anything else.</summary>
    public static long? Integer(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
            ? n
            : null;

    public static bool? Flag(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : null;

    public static JsonElement Object(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Array(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : [];

    public static string? Text(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>A numeric or text id as its exact characters (never through a double).</summary>
    public static string? Id(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString(),
            _ => null,
        } : null;

    public static int? Int(this JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : null;

    /// <summary>An amount sent as text or as a number; null when it is neither.</summary>
    public static decimal? Amount(this JsonElement parent, string name) =>
        parent.Text(name) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount
        : parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetDecimal(out var number) ? number
        : null;

    public static DateTimeOffset? Timestamp(this JsonElement parent, string name) =>
        parent.Text(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>Text values of an array field (e.g. tracking numbers), blanks dropped.</summary>
    public static IEnumerable<string> Texts(this JsonElement parent, string name) =>
        parent.Array(name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0);
}
