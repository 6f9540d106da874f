// A ShipHero Shipment node, as the shipments query answers it (developer.shiphero.com/schema/types/shipment.html: id,
//   legacy_id, order_id, created_date (ISODateTime), line_items (ShipmentLineItemConnection), shipping_labels
//   ([ShippingLabel]), order (Order); shipment-line-item.html: line_item_id, quantity, line_item (LineItem);
//   shipping-label.html: tracking_number, carrier, shipping_method). ShippingLabel.tracking_url: the schema page's copy
//   here is cut off before it; it is read by public ShipHero integrations (e.g. field lists mirroring ShippingLabel), and
//   CreateShipmentShippingLabelInput has it (create-shipment-shipping-label-input.html).
// Unconfirmed: the time zone of created_date when it carries no offset (read as UTC, as the webhook's created_at is).
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.ShipHero;

internal static class ShipHeroShipmentNodes
{
    /// <summary>The fields OrderSync reads of a shipment, for a selection set.</summary>
    public const string Fields = """
        id
        legacy_id
        order_id
        created_date
        shipping_labels { tracking_number carrier shipping_method tracking_url }
        line_items(first: 100) { edges { node { line_item_id quantity line_item { sku partner_line_item_id } } } }
        """;

    /// <summary>
    /// The shipment, named by its legacy (numeric) id when it has one: the Shipment Update webhook names it so (shipment_id),
    /// so a shipment read here and the same one's webhook are one shipment to the order.
    /// </summary>
    public static Shipment Shipment(JsonElement node)
    {
        var labels = node.TryGetProperty("shipping_labels", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray().ToList() : [];
        var lines = node.TryGetProperty("line_items", out var li) && li.ValueKind == JsonValueKind.Object
            && li.TryGetProperty("edges", out var edges) && edges.ValueKind == JsonValueKind.Array
            ? edges.EnumerateArray().Select(e => e.GetProperty("node")).Select(n => new ShippedLine(
                n.Id("line_item_id"),
                n.TryGetProperty("line_item", out var item) && item.ValueKind == JsonValueKind.Object ? item.Id("sku") : null,
                n.GetProperty("quantity").GetInt32())).ToImmutableArray()
            : [];
        return new Shipment(
            node.Id("legacy_id") ?? node.Id("id") ?? throw new InvalidOperationException("shipment id is null"),
            [.. labels.Select(x => x.Id("tracking_number")).OfType<string>().Where(t => t.Length > 0).Distinct()],
            labels.Select(x => x.Id("carrier")).OfType<string>().FirstOrDefault(c => c.Length > 0),
            [.. labels.Select(x => x.Id("tracking_url")).OfType<string>().Where(u => u.Length > 0).Distinct()],
            lines,
            CreatedDate(node) ?? DateTimeOffset.UnixEpoch);
    }

    public static DateTimeOffset? CreatedDate(JsonElement node) =>
        node.Id("created_date") is { } created && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
