// Which fulfillment-order lines a shipment fulfils. fulfillmentCreate takes fulfillment-order line items, not order lines
// (https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentInput); each FulfillmentOrderLineItem names
// its order line (lineItem) and remainingQuantity (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderLineItem).
// Note from the fulfillmentCreate description: the fulfillment orders of one fulfillment must belong to the same order and
// be assigned to the same location. So the planned lines are grouped by their fulfillment order's assigned location
// (FulfillmentOrder.assignedLocation.location.id: https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderAssignedLocation),
// one fulfillment per location, all with the shipment's tracking.
using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Turns shipped quantities per order line into fulfillment-order lines, taking from what remains, in Shopify's order. Pure.</summary>
public static class ShopifyFulfillmentPlan
{
    /// <summary>The fulfillment-order lines for <paramref name="shipped"/> (order line id → units); permanent failure when more is shipped than remains.</summary>
    public static ImmutableArray<ShopifyFulfillmentLine> Lines(ShopifyMerchantOrder order, IEnumerable<(string LineItemId, int Quantity)> shipped)
    {
        var remaining = order.FulfillmentOrders.SelectMany(fo => fo.Lines.Select(l => (FulfillmentOrder: fo.Id, Line: l)))
            .ToDictionary(x => x.Line.Id, x => x.Line.RemainingQuantity);
        var plan = new List<ShopifyFulfillmentLine>();
        foreach (var (lineItemId, quantity) in shipped.GroupBy(s => s.LineItemId).Select(g => (g.Key, g.Sum(s => s.Quantity))))
        {
            var left = quantity;
            foreach (var fo in order.FulfillmentOrders)
                foreach (var line in fo.Lines.Where(l => l.LineItemId == lineItemId && remaining[l.Id] > 0))
                {
                    if (left == 0) break;
                    var take = Math.Min(left, remaining[line.Id]);
                    remaining[line.Id] -= take;
                    left -= take;
                    plan.Add(new ShopifyFulfillmentLine(fo.Id, line.Id, take));
                }
            if (left > 0)
                throw PlatformException.Permanent($"order {order.Id}: {quantity} units of line {lineItemId} shipped but only {quantity - left} remain to be fulfilled");
        }
        return [.. plan];
    }

    /// <summary>
    /// <paramref name="lines"/> grouped by the location their fulfillment order is assigned to (fulfillment orders without a
    /// known location form one group), locations in the order their fulfillment orders come in.
    /// </summary>
    public static ImmutableArray<ImmutableArray<ShopifyFulfillmentLine>> ByLocation(ShopifyMerchantOrder order, IEnumerable<ShopifyFulfillmentLine> lines)
    {
        var rank = order.FulfillmentOrders.Select((fo, i) => (fo, i)).ToDictionary(x => x.fo.Id, x => x.i);
        var location = order.FulfillmentOrders.ToDictionary(fo => fo.Id, fo => fo.LocationId ?? "");
        return [.. lines.GroupBy(l => location[l.FulfillmentOrderId]).OrderBy(g => g.Min(l => rank[l.FulfillmentOrderId])).Select(g => g.ToImmutableArray())];
    }

    /// <summary>The fulfillment requests, one per location, for <paramref name="shipped"/> (order line id → units), each with the same tracking.</summary>
    public static ImmutableArray<ShopifyFulfillmentRequest> Requests(ShopifyMerchantOrder order, IEnumerable<(string LineItemId, int Quantity)> shipped,
        ImmutableArray<string> trackingNumbers, ImmutableArray<string> trackingUrls, string? company, bool? notifyCustomer = null) =>
        [.. ByLocation(order, Lines(order, shipped)).Select(group => new ShopifyFulfillmentRequest(
            order.Id, group, trackingNumbers.IsDefault ? [] : trackingNumbers, trackingUrls.IsDefault ? [] : trackingUrls, company, notifyCustomer))];

    /// <summary>
    /// The fulfillment requests for a vendor's <paramref name="shipment"/>: its tracking, and its lines mapped to order lines by
    /// <paramref name="lineItemOf"/> (the routing knows which merchant line a vendor line stands for).
    /// </summary>
    public static ImmutableArray<ShopifyFulfillmentRequest> Requests(ShopifyMerchantOrder order, Shipment shipment, Func<ShippedLine, string> lineItemOf, bool? notifyCustomer = null) =>
        Requests(order, shipment.Lines.Select(l => (lineItemOf(l), l.Quantity)), shipment.TrackingNumbers, shipment.TrackingUrls, shipment.Carrier, notifyCustomer);

    /// <summary>
    /// What of <paramref name="shipped"/> (order line id → units) is not yet held by <paramref name="fulfilled"/> (the fulfillments
    /// already made with the shipment's tracking): a retry after a lost answer plans only the locations not yet fulfilled.
    /// </summary>
    public static ImmutableArray<(string LineItemId, int Quantity)> Outstanding(IEnumerable<(string LineItemId, int Quantity)> shipped, IEnumerable<ShopifyFulfillment> fulfilled)
    {
        var held = fulfilled.SelectMany(f => f.Lines).GroupBy(l => l.LineItemId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        return [.. shipped.GroupBy(s => s.LineItemId)
            .Select(g => (g.Key, g.Sum(s => s.Quantity) - held.GetValueOrDefault(g.Key)))
            .Where(x => x.Item2 > 0)];
    }
}
