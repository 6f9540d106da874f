using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OrderSync.Sandbox.HttpVendor;

/// <summary>
/// The vendor's shipment feed (docs/http-vendor-api.md, "GET shipments"): every order.shipped event that happened at or after
/// updated_since, oldest first, <see cref="FeedPageSize"/> a page, with an opaque nextCursor; 400 without a valid updated_since.
/// </summary>
public sealed partial class HttpVendorSimulator
{
    private readonly List<(DateTimeOffset At, JsonObject Event)> _events = [];
    private int _eventNumber;

    public int FeedPageSize { get; set; } = 50;

    /// <summary>
    /// Records a shipment of the order in the "shipment" shape of the order.shipped webhook, and its order.shipped event in
    /// the feed, as happening at <paramref name="at"/> (default: the shipment's shippedAt, else now). Answers the event.
    /// </summary>
    public JsonObject Ship(string vendorOrderId, JsonObject shipment, DateTimeOffset? at = null)
    {
        SimulatedVendorOrder order;
        lock (_gate)
        {
            order = _orders.Single(o => o.Id == vendorOrderId);
            order.Shipments.Add(shipment);
        }
        var when = at ?? (shipment["shippedAt"]?.GetValue<string>() is { } shipped ? DateTimeOffset.Parse(shipped, CultureInfo.InvariantCulture) : _time.GetUtcNow());
        return AddEvent(new JsonObject
        {
            ["type"] = "order.shipped", ["merchantOrder"] = order.MerchantOrder, ["vendorOrderId"] = order.Id, ["shipment"] = shipment.DeepClone(),
        }, when);
    }

    /// <summary>Adds an event to the feed as it is (an "id" and "occurredAt" are given when it has none); answers it.</summary>
    public JsonObject AddEvent(JsonObject @event, DateTimeOffset at)
    {
        lock (_gate)
        {
            @event["id"] ??= $"evt_{++_eventNumber}";
            @event["occurredAt"] ??= at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
            _events.Add((at, @event));
            return @event;
        }
    }

    private (int, JsonObject) Feed(IQueryCollection query)
    {
        if (!DateTimeOffset.TryParse(query["updated_since"].FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
            return (400, new JsonObject { ["reason"] = "updated_since must be an ISO-8601 time" });
        List<JsonObject> listed;
        lock (_gate) listed = [.. _events.Where(e => e.At >= since).OrderBy(e => e.At).Select(e => e.Event)];
        var start = query["cursor"].FirstOrDefault() is { Length: > 0 } cursor
            ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture) : 0;
        var page = listed.Skip(start).Take(FeedPageSize).ToList();
        var next = start + page.Count < listed.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + page.Count).ToString(CultureInfo.InvariantCulture))) : null;
        return (200, new JsonObject { ["events"] = new JsonArray([.. page.Select(e => (JsonNode)e.DeepClone())]), ["nextCursor"] = next });
    }
}
