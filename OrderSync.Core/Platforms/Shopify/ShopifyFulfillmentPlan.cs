// Which fulfillment-order lines a shipment fulfils. fulfillmentCreate takes fulfillment-order line items, not order lines
// (https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentInput); each FulfillmentOrderLineItem names
// its order line (lineItem) and remainingQuantity (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrderLineItem).
// Note from the fulfillmentCreate description: the fulfillment orders of one fulfillment must belong to the same order and
// be assigned to the same location; this plan does not read locations, so a shipment spanning locations is refused by Shopify.
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
    /// The fulfillment request for a vendor's <paramref name="shipment"/>: its tracking, and its lines mapped to order lines by
    /// <paramref name="lineItemOf"/> (the routing knows which merchant line a vendor line stands for).
    /// </summary>
    public static ShopifyFulfillmentRequest Request(ShopifyMerchantOrder order, Shipment shipment, Func<ShippedLine, string> lineItemOf, bool? notifyCustomer = null) =>
        new(order.Id,
            Lines(order, shipment.Lines.Select(l => (lineItemOf(l), l.Quantity))),
            shipment.TrackingNumbers.IsDefault ? [] : shipment.TrackingNumbers,
            shipment.TrackingUrls.IsDefault ? [] : shipment.TrackingUrls,
            shipment.Carrier,
            notifyCustomer);
}
