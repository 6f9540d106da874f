namespace OrderSync.Benchmarks.Reliability;

public enum FlowKind
{
    /// <summary>Placed paid, shipped in one shipment.</summary>
    OneShipment,

    /// <summary>Placed paid (two units), shipped in two shipments of one unit each.</summary>
    TwoShipments,

    /// <summary>Placed paid, then cancelled by the merchant before anything ships.</summary>
    Cancelled,
}

/// <summary>
/// One order's random flow: its kind; whether each webhook is delivered twice (a redelivery, same webhook id); whether the
/// merchant's newer snapshot (orders/updated) arrives before orders/create.
/// </summary>
public sealed record ChaosFlow(MerchantOrder Order, FlowKind Kind, bool Redelivered, bool Reordered)
{
    public int Shipments => Kind switch { FlowKind.OneShipment => 1, FlowKind.TwoShipments => 2, _ => 0 };

    public static ChaosFlow Draw(Random random, MerchantSide merchant, int index)
    {
        var kind = (FlowKind)random.Next(3);
        return new ChaosFlow(merchant.Seed(index, units: kind == FlowKind.TwoShipments ? 2 : 1), kind, random.Next(3) == 0, random.Next(5) == 0);
    }
}

/// <summary>What a flow's platforms hold at the end, against what it should have produced.</summary>
/// <param name="VendorOrders">Vendor orders for the merchant order (a cancelled flow may have one, cancelled).</param>
public sealed record FlowEffects(int VendorOrders, bool VendorOrderCancelled, int Fulfillments, int PayPalTrackers, int StripeUpdates,
    IReadOnlyList<string> StripeNumbers, string? Status)
{
    public override string ToString() =>
        $"vendor orders {VendorOrders}{(VendorOrderCancelled ? " (cancelled)" : "")}, fulfillments {Fulfillments}, PayPal trackers {PayPalTrackers}, " +
        $"Stripe writes {StripeUpdates} [{string.Join(",", StripeNumbers)}], status {Status ?? "unknown"}";

    /// <summary>Effects expected and missing (lost), and effects beyond those expected (doubled).</summary>
    public (int Expected, int Seen, int Lost, int Doubled) Against(ChaosFlow flow)
    {
        var n = flow.Shipments;
        if (flow.Kind == FlowKind.Cancelled)
        {
            // No vendor order, or one cancelled; nothing shipped, nothing reported.
            var stray = (VendorOrders > 1 ? VendorOrders - 1 : 0) + (VendorOrders == 1 && !VendorOrderCancelled ? 1 : 0);
            return (0, VendorOrders + Fulfillments + PayPalTrackers + StripeUpdates, 0, stray + Fulfillments + PayPalTrackers + StripeUpdates);
        }
        var expectedNumbers = Enumerable.Range(0, n).Select(flow.Order.ShipmentTrackingNumber).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stripeHeld = StripeNumbers.Count(expectedNumbers.Contains);
        int Lost(int seen, int expected) => Math.Max(0, expected - seen);
        int Extra(int seen, int expected) => Math.Max(0, seen - expected);
        // A vendor order cancelled when nothing asked for it is as good as lost.
        var lost = Lost(VendorOrders, 1) + Lost(Fulfillments, n) + Lost(PayPalTrackers, n) + Lost(stripeHeld, n) + (VendorOrderCancelled ? 1 : 0);
        var doubled = Extra(VendorOrders, 1) + Extra(Fulfillments, n) + Extra(PayPalTrackers, n) + Extra(StripeUpdates, n);
        return (1 + 3 * n, VendorOrders + Fulfillments + PayPalTrackers + stripeHeld, lost, doubled);
    }
}
