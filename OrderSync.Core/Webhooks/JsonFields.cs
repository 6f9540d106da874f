using System.Globalization;
using System.Text.Json;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// Reads fields of a webhook body leniently: a missing field or one of the wrong kind reads as null, never as an
/// exception. Ids keep their exact digits (they exceed 2^53); amounts may come as text (Shopify, PayPal) or numbers.
/// </summary>
public static class JsonFields
{
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
