using System.Text.Json;

namespace OrderSync.Core.Webhooks.ShipHero;

/// <summary>
/// The packages of a Shipment Update, read tolerantly. ShipHero's page says shipping_carrier and shipping_method exist
/// inside and outside the packages array, the ones inside being the most accurate (developer.shiphero.com/webhooks/
/// shipment-update-webhook), but the stored copy of its sample ends before that array, so a package's own shape is
/// unconfirmed. Integrations show packages under fulfillment or at the top level, with tracking on the package or on its
/// shipping_label (fluid-commerce/droplet-template-shiphero docs/SHIPHERO_WEBHOOK_GUIDE.md). Whatever is not found is
/// skipped, never an error.
/// </summary>
internal static class ShipHeroPackages
{
    public static IReadOnlyList<JsonElement> Of(JsonElement body, JsonElement fulfillment) =>
        [.. Objects(fulfillment, "packages").Concat(Objects(body, "packages"))];

    public static string? TrackingNumber(JsonElement package) => Field(package, "tracking_number");

    public static string? TrackingUrl(JsonElement package) => Field(package, "tracking_url");

    public static string? Carrier(JsonElement package) => Field(package, "shipping_carrier") ?? Field(package, "carrier");

    private static string? Field(JsonElement package, string name) =>
        Text(package, name) ?? (package.TryGetProperty("shipping_label", out var label) && label.ValueKind == JsonValueKind.Object ? Text(label, name) : null);

    internal static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!.Trim()
            : null;

    private static IEnumerable<JsonElement> Objects(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object)
            : [];
}
