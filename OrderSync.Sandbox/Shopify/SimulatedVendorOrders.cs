using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Shopify;

/// <summary>A line of a simulated order (numeric id shared by its LineItem and CalculatedLineItem gids).</summary>
public sealed record SimulatedLine(long Number, string? Sku, string? Title, string? VariantId, int Quantity)
{
    public string Id => $"gid://shopify/LineItem/{Number}";
}

/// <summary>A fulfillment of a simulated order with its tracking.</summary>
public sealed record SimulatedVendorFulfillment(
    string Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<(string? Number, string? Company, string? Url)> Tracking,
    IReadOnlyList<(string LineId, string? Sku, int Quantity)> Lines);

/// <summary>The mutable side of a simulated order: what orderUpdate, order edits, orderCancel and fulfillments change.</summary>
public sealed class SimulatedVendorOrder
{
    internal SimulatedVendorOrder(SimulatedOrder created)
    {
        Id = created.Id;
        Name = created.Name;
        Tags = [.. created.Tags];
        UpdatedAt = created.CreatedAt;
        Email = created.Input["email"]?.GetValue<string>();
        Phone = created.Input["phone"]?.GetValue<string>();
        Note = created.Input["note"]?.GetValue<string>();
        ShippingAddress = created.Input["shippingAddress"]?.DeepClone() as JsonObject;
        if (created.Input["customAttributes"] is JsonArray attributes)
            foreach (var a in attributes.OfType<JsonObject>())
                CustomAttributes.Add(KeyValuePair.Create(a["key"]!.GetValue<string>(), a["value"]!.GetValue<string>()));
        var number = long.Parse(created.Id[(created.Id.LastIndexOf('/') + 1)..]) * 1000;
        if (created.Input["lineItems"] is JsonArray items)
            foreach (var item in items.OfType<JsonObject>())
                Lines.Add(new SimulatedLine(++number, item["sku"]?.GetValue<string>(), item["title"]?.GetValue<string>(),
                    item["variantId"]?.GetValue<string>(), item["quantity"]!.GetValue<int>()));
        NextLine = number;
    }

    public string Id { get; }
    public string Name { get; }
    public List<string> Tags { get; internal set; }
    public List<KeyValuePair<string, string>> CustomAttributes { get; internal set; } = [];
    public string? Email { get; internal set; }
    public string? Phone { get; internal set; }
    public string? Note { get; internal set; }
    public JsonObject? ShippingAddress { get; internal set; }
    public List<SimulatedLine> Lines { get; internal set; } = [];
    public DateTimeOffset? CancelledAt { get; internal set; }
    public string? CancelReason { get; internal set; }
    public DateTimeOffset UpdatedAt { get; internal set; }
    public List<SimulatedVendorFulfillment> Fulfillments { get; } = [];
    internal long NextLine { get; set; }
}

/// <summary>An order edit in progress: the calculated order with its staged lines.</summary>
internal sealed class SimulatedEdit(string id, string orderId, List<SimulatedLine> lines, long nextLine)
{
    public string Id { get; } = id;
    public string OrderId { get; } = orderId;
    public List<SimulatedLine> Lines { get; } = lines;
    public long NextLine { get; set; } = nextLine;
    public bool Committed { get; set; }
}

/// <summary>The vendor-side state of one simulated store, kept beside it (the store's own file stays as it is).</summary>
public sealed class SimulatedVendorSide(SimulatedShopifyStore store)
{
    private static readonly ConditionalWeakTable<SimulatedShopifyStore, SimulatedVendorSide> Sides = new();
    private readonly Dictionary<string, SimulatedVendorOrder> _orders = [];
    private readonly Dictionary<string, SimulatedEdit> _edits = [];
    private int _edit;
    private int _fulfillment;

    internal Lock Gate { get; } = new();

    public static SimulatedVendorSide Of(SimulatedShopifyStore store) => Sides.GetValue(store, s => new SimulatedVendorSide(s));

    /// <summary>The order's vendor-side state, or null when the store has no such order.</summary>
    public SimulatedVendorOrder? Order(string id)
    {
        lock (Gate)
        {
            if (_orders.TryGetValue(id, out var known)) return known;
            var created = store.Orders.FirstOrDefault(o => o.Id == id);
            return created is null ? null : _orders[id] = new SimulatedVendorOrder(created);
        }
    }

    public IReadOnlyList<SimulatedVendorOrder> All()
    {
        lock (Gate) return [.. store.Orders.Select(o => Order(o.Id)!)];
    }

    /// <summary>The edits begun and never committed (what a failed edit leaves behind).</summary>
    public int UncommittedEdits { get { lock (Gate) return _edits.Values.Count(e => !e.Committed); } }

    /// <summary>Test hook: the vendor ships <paramref name="lines"/> (line index → quantity; all lines when null) with tracking.</summary>
    public SimulatedVendorFulfillment AddFulfillment(string orderId, string trackingNumber, string? company, string? url, DateTimeOffset at,
        IReadOnlyDictionary<int, int>? lines = null, string status = "SUCCESS")
    {
        lock (Gate)
        {
            var order = Order(orderId) ?? throw new KeyNotFoundException(orderId);
            var shipped = lines is null
                ? order.Lines.Select(l => (l.Id, l.Sku, l.Quantity)).ToList()
                : lines.Select(kv => (order.Lines[kv.Key].Id, order.Lines[kv.Key].Sku, kv.Value)).ToList();
            var fulfillment = new SimulatedVendorFulfillment($"gid://shopify/Fulfillment/{7_000_000_000L + ++_fulfillment}", status, at, at,
                [(trackingNumber, company, url)], shipped);
            order.Fulfillments.Add(fulfillment);
            if (at > order.UpdatedAt) order.UpdatedAt = at;
            return fulfillment;
        }
    }

    /// <summary>Test hook: the order changed at <paramref name="at"/> (for changed-since reads).</summary>
    public void Touch(string orderId, DateTimeOffset at)
    {
        lock (Gate) (Order(orderId) ?? throw new KeyNotFoundException(orderId)).UpdatedAt = at;
    }

    internal SimulatedEdit BeginEdit(SimulatedVendorOrder order)
    {
        var edit = new SimulatedEdit($"gid://shopify/CalculatedOrder/{9_000_000L + ++_edit}", order.Id, [.. order.Lines], order.NextLine);
        _edits[edit.Id] = edit;
        return edit;
    }

    internal SimulatedEdit? Edit(string id) => _edits.GetValueOrDefault(id);
}

public static class SimulatedVendorSideExtensions
{
    /// <summary>The vendor-side state (updates, edits, cancellation, fulfillments) of this simulated store.</summary>
    public static SimulatedVendorSide VendorSide(this SimulatedShopifyStore store) => SimulatedVendorSide.Of(store);
}
