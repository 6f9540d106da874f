using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// Strict reading of a webhook's JSON fields: a field that is absent or null is missing, a field of another JSON type is
/// an error (never coerced), and every complaint is a <see cref="WebhookFormatException"/> naming the field's path.
/// <paramref name="at"/> arguments are the path of the object read ("" for the body itself).
/// </summary>
internal static partial class StrictJson
{
    /// <summary>Parses a body and reads it with <paramref name="read"/>; bad JSON and every strict complaint become Malformed with the reason.</summary>
    public static WebhookParse Read(ReadOnlyMemory<byte> body, Func<JsonElement, WebhookParse> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new WebhookParse.Malformed("the body is not valid JSON");
        }

        using (document)
        {
            try
            {
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? read(document.RootElement)
                    : new WebhookParse.Malformed("the body must be a JSON object");
            }
            catch (WebhookFormatException e)
            {
                return new WebhookParse.Malformed(e.Message);
            }
        }
    }

    public static string Path(string at, string name) => at.Length == 0 ? name : $"{at}.{name}";

    public static bool TryGet(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static string? OptionalString(JsonElement parent, string name, string at) =>
        !TryGet(parent, name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new WebhookFormatException($"{Path(at, name)} must be a string");

    /// <summary>A non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    public static string RequiredString(JsonElement parent, string name, string at, int maxLength = int.MaxValue) =>
        OptionalString(parent, name, at) switch
        {
            null => throw new WebhookFormatException($"{Path(at, name)} is missing"),
            var s when string.IsNullOrWhiteSpace(s) => throw new WebhookFormatException($"{Path(at, name)} must not be empty"),
            var s when s.Length > maxLength => throw new WebhookFormatException($"{Path(at, name)} must be at most {maxLength} characters"),
            var s => s,
        };

    /// <summary>An id sent as a whole number or as text, kept as its exact text (never through a double).</summary>
    public static string? OptionalId(JsonElement parent, string name, string at) =>
        !TryGet(parent, name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Number && v.GetRawText().All(char.IsAsciiDigit) ? v.GetRawText()
        : throw new WebhookFormatException($"{Path(at, name)} must be a whole number or a string");

    public static JsonElement RequiredObject(JsonElement parent, string name, string at) =>
        !TryGet(parent, name, out var v) ? throw new WebhookFormatException($"{Path(at, name)} is missing")
        : v.ValueKind == JsonValueKind.Object ? v
        : throw new WebhookFormatException($"{Path(at, name)} must be an object");

    public static IReadOnlyList<JsonElement> Array(JsonElement parent, string name, string at, bool required) =>
        !TryGet(parent, name, out var v) ? (required ? throw new WebhookFormatException($"{Path(at, name)} is missing") : [])
        : v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()]
        : throw new WebhookFormatException($"{Path(at, name)} must be an array");

    /// <summary>An array of non-empty strings.</summary>
    public static IReadOnlyList<string> Strings(JsonElement parent, string name, string at, bool required) =>
        [.. Array(parent, name, at, required).Select((v, i) => v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw new WebhookFormatException($"{Path(at, name)}[{i}] must be a non-empty string"))];

    public static int RequiredWholeNumber(JsonElement parent, string name, string at, int min) =>
        !TryGet(parent, name, out var v) ? throw new WebhookFormatException($"{Path(at, name)} is missing")
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min ? n
        : throw new WebhookFormatException($"{Path(at, name)} must be a whole number of at least {min}");

    /// <summary>An ISO-8601 date and time with its offset, e.g. 2026-11-23T10:00:00Z or 2026-11-23T11:00:00.5+01:00.</summary>
    public static DateTimeOffset? OptionalTimestamp(JsonElement parent, string name, string at) =>
        OptionalString(parent, name, at) is not { } s ? null
        : Iso8601().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : throw new WebhookFormatException($"{Path(at, name)} must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z");

    public static DateTimeOffset RequiredTimestamp(JsonElement parent, string name, string at) =>
        OptionalTimestamp(parent, name, at) ?? throw new WebhookFormatException($"{Path(at, name)} is missing");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Iso8601();
}
