using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Lifecycle;

/// <summary>What vendors report of their orders: shipments (tracking, lines) and their own cancellations.</summary>
internal static class Shipments
{
    public static string? Record(Deciding d, VendorShipped shipped)
    {
        var shipment = shipped.Shipment;
        if (d.State.SubOrder(shipped.VendorId) is not { } sub)
        {
            var key = $"stray-shipment:{shipped.VendorId}:{shipment.ShipmentId}";
            var reason = $"vendor {shipped.VendorId} reported shipment {shipment.ShipmentId} (tracking {Tracking.Of(shipment)}), but OrderSync sent it no part of this order";
            return d.Raise(key, reason) ? null : $"stray shipment {shipment.ShipmentId} from vendor {shipped.VendorId} already raised";
        }

        var tracking = Tracking.Of(shipment);
        if (sub.Shipments.FirstOrDefault(s => s.ShipmentId == shipment.ShipmentId) is { } known)
        {
            if (known.Tracking.SameAs(tracking)) return $"shipment {shipment.ShipmentId} from vendor {sub.VendorId} already recorded";
            d.Update(sub with { Shipments = [.. sub.Shipments.Select(s => s.ShipmentId == known.ShipmentId ? s with { Tracking = tracking } : s)] });
            d.Note($"vendor {sub.VendorId} corrected the tracking of shipment {shipment.ShipmentId}: {known.Tracking} → {tracking}");
            return null;
        }

        var lines = MerchantLines(sub, shipment, d);
        var recorded = sub with { Shipments = sub.Shipments.Add(new ShipmentRecord(shipment.ShipmentId, tracking, lines, shipment.ShippedAt, [])) };
        if (recorded.Status == SubOrderStatus.Pushed && recorded.AllShipped) recorded = recorded with { Status = SubOrderStatus.Shipped };
        d.Update(recorded);
        d.Note($"vendor {sub.VendorId} shipped {lines.Sum(l => l.Quantity)} unit(s), tracking {tracking}{(recorded.Status == SubOrderStatus.Shipped ? "; every line is shipped" : "")}");

        if (sub.Status is SubOrderStatus.Cancelling or SubOrderStatus.Cancelled)
            d.Raise($"shipped-after-cancel:{sub.VendorId}", $"vendor {sub.VendorId} shipped (tracking {tracking}) an order OrderSync cancelled or is cancelling: intercept or return");
        else if (sub.Status is SubOrderStatus.Held or SubOrderStatus.Failed)
            d.Raise($"shipped-unpushed:{sub.VendorId}", $"vendor {sub.VendorId} shipped (tracking {tracking}) lines OrderSync had not pushed to it ({sub.Status.ToString().ToLowerInvariant()}: {sub.Reason})");
        return null;
    }

    public static string? VendorCancelled(Deciding d, VendorOrderCancelled cancelled)
    {
        if (d.State.SubOrder(cancelled.VendorId) is not { Status: SubOrderStatus.Pushing or SubOrderStatus.Pushed or SubOrderStatus.Shipped or SubOrderStatus.Cancelling } sub)
            return $"vendor {cancelled.VendorId} cancelled an order OrderSync has not pushed to it, or already cancelled: ignored";
        if (sub.Status == SubOrderStatus.Cancelling)
            return $"vendor {sub.VendorId} confirms a cancellation OrderSync asked for (its own change coming back): ignored";

        var reason = $"cancelled by vendor {sub.VendorId}{(cancelled.Reason is null ? "" : $" ({cancelled.Reason})")}";
        d.State = d.State.WithoutWork(Slots.Vendor(sub.VendorId));
        d.Update(sub with { Status = SubOrderStatus.Cancelled, Reason = reason });
        d.Raise($"vendor-cancelled:{sub.VendorId}", $"{reason}: its lines need another vendor, or a refund");
        return null;
    }

    /// <summary>
    /// The merchant lines a shipment holds, matched by the vendor's SKU and capped at what is left to ship. A vendor that
    /// names no lines, or none OrderSync knows, is taken to have shipped everything not shipped yet.
    /// </summary>
    private static ImmutableArray<FulfilledLine> MerchantLines(SubOrder sub, Shipment shipment, Deciding d)
    {
        var left = sub.Lines.ToDictionary(l => l.MerchantLineId, l => Math.Max(0, l.Quantity - sub.Shipped(l.MerchantLineId)));
        var matched = new List<FulfilledLine>();
        foreach (var shippedLine in shipment.Lines)
        {
            var line = sub.Lines.FirstOrDefault(l => shippedLine.Sku is not null && string.Equals(l.VendorSku, shippedLine.Sku, StringComparison.OrdinalIgnoreCase));
            if (line is null || left[line.MerchantLineId] == 0) continue;
            var quantity = Math.Min(shippedLine.Quantity, left[line.MerchantLineId]);
            left[line.MerchantLineId] -= quantity;
            matched.Add(new FulfilledLine(line.MerchantLineId, quantity));
        }
        if (matched.Count > 0) return [.. matched.GroupBy(l => l.MerchantLineId).Select(g => new FulfilledLine(g.Key, g.Sum(l => l.Quantity)))];

        if (!shipment.Lines.IsEmpty) d.Note($"vendor {sub.VendorId} named no line OrderSync sent it: the shipment is taken as everything not shipped yet");
        if (left.Values.All(n => n == 0)) d.Note($"vendor {sub.VendorId}'s shipment {shipment.ShipmentId} holds no line left to ship: its tracking goes to PayPal and Stripe, not to a Shopify fulfillment");
        return [.. left.Where(l => l.Value > 0).Select(l => new FulfilledLine(l.Key, l.Value))];
    }
}
