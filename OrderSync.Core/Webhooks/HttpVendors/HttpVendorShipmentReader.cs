using System.Collections.Immutable;
using System.Text.Json;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.HttpVendors;

/// <summary>
/// The "shipment" object of an order.shipped event (docs/http-vendor-api.md): id, trackingNumbers, carrier, trackingUrls,
/// lines [{lineId, sku, quantity}], shippedAt.
/// </summary>
internal static class HttpVendorShipmentReader
{
    private const string At = "shipment";

    public static Shipment Read(JsonElement shipment, DateTimeOffset occurredAt) => new(
        StrictJson.RequiredString(shipment, "id", At, HttpVendorEventNormalizer.MaxIdLength),
        [.. StrictJson.Strings(shipment, "trackingNumbers", At, required: true)],
        StrictJson.OptionalString(shipment, "carrier", At) is { } carrier && !string.IsNullOrWhiteSpace(carrier) ? carrier : null,
        TrackingUrls(shipment),
        Lines(shipment),
        StrictJson.OptionalTimestamp(shipment, "shippedAt", At) ?? occurredAt);

    private static ImmutableArray<string> TrackingUrls(JsonElement shipment) =>
    [
        .. StrictJson.Strings(shipment, "trackingUrls", At, required: false).Select((url, i) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? url
                : throw new WebhookFormatException($"{At}.trackingUrls[{i}] must be an absolute http(s) URL")),
    ];

    private static ImmutableArray<ShippedLine> Lines(JsonElement shipment)
    {
        var lines = StrictJson.Array(shipment, "lines", At, required: true);
        if (lines.Count == 0) throw new WebhookFormatException($"{At}.lines must list at least one line");
        return [.. lines.Select(Line)];
    }

    private static ShippedLine Line(JsonElement line, int index)
    {
        var at = $"{At}.lines[{index}]";
        if (line.ValueKind != JsonValueKind.Object) throw new WebhookFormatException($"{at} must be an object");
        var lineId = StrictJson.OptionalString(line, "lineId", at);
        var sku = StrictJson.OptionalString(line, "sku", at);
        if (string.IsNullOrWhiteSpace(lineId) && string.IsNullOrWhiteSpace(sku)) throw new WebhookFormatException($"{at} needs a lineId or a sku");
        return new ShippedLine(lineId, sku, StrictJson.RequiredWholeNumber(line, "quantity", at, min: 1));
    }
}
