using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.ShipHero;

/// <summary>
/// Shipments: shipments(order_id) lists one order's; shipments(date_from) lists every shipment created at or after
/// date_from (an ISODateTime without offset, read as UTC), oldest first, paged by data(first, after) with Relay cursors and
/// pageInfo {hasNextPage endCursor}. Each node carries its order {id legacy_id partner_order_id}.
/// </summary>
public sealed partial class ShipHeroSimulator
{
    private readonly List<JsonObject> _shipments = [];

    /// <summary>Records a shipment made now; see the overload with its time.</summary>
    public string Ship(string orderId, string carrier, string[] trackingNumbers, params (string LineItemId, string Sku, int Quantity)[] lines) =>
        Ship(_time.GetUtcNow(), orderId, carrier, trackingNumbers, lines);

    /// <summary>
    /// Records that the warehouse shipped part of an order at <paramref name="at"/>: one label per tracking number, lines as
    /// (line_item_id, sku, quantity). Answers the shipment's legacy id, the id its Shipment Update webhook names it by.
    /// </summary>
    public string Ship(DateTimeOffset at, string orderId, string carrier, string[] trackingNumbers, params (string LineItemId, string Sku, int Quantity)[] lines)
    {
        var n = Interlocked.Increment(ref _next);
        var shipment = new JsonObject
        {
            ["id"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Shipment:{n}")),
            ["legacy_id"] = n,
            ["order_id"] = orderId,
            ["created_date"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["shipping_labels"] = new JsonArray([.. trackingNumbers.Select(t => (JsonNode)new JsonObject
            {
                ["tracking_number"] = t, ["carrier"] = carrier, ["shipping_method"] = "Ground",
                ["tracking_url"] = $"https://track.example/{carrier}/{t}",
            })]),
            ["line_items"] = new JsonObject
            {
                ["edges"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
                {
                    ["node"] = new JsonObject
                    {
                        ["line_item_id"] = l.LineItemId, ["quantity"] = l.Quantity,
                        ["line_item"] = new JsonObject { ["sku"] = l.Sku },
                    },
                })]),
            },
        };
        lock (_gate) _shipments.Add(shipment);
        return n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An order entered in ShipHero by someone else (not through order_create by OrderSync); answers its id.</summary>
    public string SeedOrder(string partnerOrderId, string orderNumber)
    {
        lock (_gate)
        {
            var n = Interlocked.Increment(ref _next);
            var order = new SimulatedShipHeroOrder("T3JkZXI6" + n, (100000 + n).ToString(CultureInfo.InvariantCulture),
                new JsonObject { ["partner_order_id"] = partnerOrderId, ["order_number"] = orderNumber });
            _orders.Add(order);
            return order.Id;
        }
    }

    private JsonObject Shipments(JsonObject variables)
    {
        List<JsonObject> all;
        lock (_gate) all = [.. _shipments];
        if (variables["order_id"]?.GetValue<string>() is { } orderId)
            return Connection([.. all.Where(s => s["order_id"]!.GetValue<string>() == orderId)], 0, hasNext: false);

        var from = DateTime.SpecifyKind(DateTime.Parse(variables["date_from"]!.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var listed = all.Where(s => DateTime.Parse(s["created_date"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= from)
            .OrderBy(s => s["created_date"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        var start = variables["after"]?.GetValue<string>() is { } after ? Offset(after) + 1 : 0;
        var first = variables["first"]?.GetValue<int>() ?? 100;
        var page = listed.Skip(start).Take(first).ToList();
        return Connection(page, start, hasNext: start + page.Count < listed.Count);
    }

    private JsonObject Connection(List<JsonObject> page, int start, bool hasNext)
    {
        var edges = page.Select((s, i) =>
        {
            var node = (JsonObject)s.DeepClone();
            if (Orders.FirstOrDefault(o => o.Id == s["order_id"]!.GetValue<string>()) is { } order)
                node["order"] = new JsonObject { ["id"] = order.Id, ["legacy_id"] = order.LegacyId, ["partner_order_id"] = order.PartnerOrderId };
            return (JsonNode)new JsonObject { ["cursor"] = Cursor(start + i), ["node"] = node };
        });
        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["pageInfo"] = new JsonObject
                {
                    ["hasNextPage"] = hasNext, ["hasPreviousPage"] = start > 0,
                    ["startCursor"] = page.Count > 0 ? Cursor(start) : null, ["endCursor"] = page.Count > 0 ? Cursor(start + page.Count - 1) : null,
                },
                ["edges"] = new JsonArray([.. edges]),
            },
        };
    }

    private static string Cursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"arrayconnection:{index}"));

    private static int Offset(string cursor) => int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor))["arrayconnection:".Length..], CultureInfo.InvariantCulture);
}
