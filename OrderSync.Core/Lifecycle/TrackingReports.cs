namespace OrderSync.Core.Lifecycle;

/// <summary>Tracking back to the merchant: each vendor shipment reported once to Shopify, PayPal and Stripe, corrections as corrections.</summary>
internal static class TrackingReports
{
    /// <summary>
    /// PayPal and Stripe tracking need the capture / PaymentIntent id. When the first shipment comes and no PayPal or Stripe
    /// webhook has named them, they are read once from the merchant order's transactions.
    /// </summary>
    public static void FindPaymentReferences(Deciding d)
    {
        var payment = d.State.Payment;
        if (payment.ReferencesSought || payment.PayPalCaptureId is not null || payment.StripePaymentIntentId is not null) return;
        if (!(d.Settings.SyncTrackingToPayPal || d.Settings.SyncTrackingToStripe)) return;
        if (!d.State.SubOrders.Any(s => s.Status is SubOrderStatus.Pushed or SubOrderStatus.Shipped && !s.Shipments.IsEmpty)) return;
        d.Issue(Slots.PaymentReferences, () => new FindPaymentReferences(IdempotencyKeys.PaymentReferences(d.State.Key), d.State.Key));
    }

    /// <summary>Reports each shipment to each target that applies, once; a corrected tracking number is sent again as a correction.</summary>
    public static void Report(Deciding d, string vendorId)
    {
        var sub = d.State.SubOrder(vendorId)!;
        if (sub.Status is not (SubOrderStatus.Pushed or SubOrderStatus.Shipped)) return;
        var order = d.State.Order!;
        foreach (var shipment in sub.Shipments)
        {
            foreach (var target in Targets(d, shipment))
            {
                var earlier = shipment.ReportTo(target);
                if (earlier is not null && earlier.Sent.SameAs(shipment.Tracking)) continue;
                if (target == TrackingTarget.Stripe && StripeWriteInFlight(d, Slots.Report(vendorId, shipment.ShipmentId, target))) continue;
                var id = IdempotencyKeys.Report(d.State.Key, target, vendorId, shipment.ShipmentId, earlier is null ? 0 : earlier.Revision + 1);
                var payment = d.State.Payment;
                d.Issue(Slots.Report(vendorId, shipment.ShipmentId, target), () => target switch
                {
                    TrackingTarget.Shopify => new ReportTrackingToShopify(id, d.State.Key, shipment.ShipmentId, shipment.Lines, shipment.Tracking, earlier?.Reference),
                    TrackingTarget.PayPal => new ReportTrackingToPayPal(id, d.State.Key, shipment.ShipmentId, payment.PayPalCaptureId!, shipment.Tracking, earlier?.Reference),
                    _ => new ReportTrackingToStripe(id, d.State.Key, shipment.ShipmentId, payment.StripePaymentIntentId!, order.ShippingAddress,
                        shipment.Tracking, earlier?.Sent.Numbers ?? [], OtherNumbersOnStripe(d, shipment)),
                });
            }
        }
    }

    /// <summary>
    /// Each Stripe report writes the PaymentIntent's whole list of numbers: two at once would each write the list as its
    /// decision saw it, and the later write could drop the other's number. One waits for the other to end.
    /// </summary>
    private static bool StripeWriteInFlight(Deciding d, string slot) =>
        d.State.Work.Any(w => w.Command is ReportTrackingToStripe && w.Status == WorkStatus.InFlight && w.Slot != slot);

    /// <summary>The tracking numbers of the order's other shipments that go to Stripe, reported already or still to be.</summary>
    private static System.Collections.Immutable.ImmutableArray<string> OtherNumbersOnStripe(Deciding d, ShipmentRecord shipment) =>
    [
        .. d.State.SubOrders.SelectMany(s => s.Shipments)
            .Where(other => other != shipment && Targets(d, other).Contains(TrackingTarget.Stripe))
            .SelectMany(other => other.Tracking.Numbers),
    ];

    /// <summary>
    /// Shopify gets every shipment of lines still to fulfil while the order is open; PayPal and Stripe only a shipment with
    /// a tracking number, and only once OrderSync knows the capture / PaymentIntent (an authorization waits for its capture).
    /// </summary>
    private static IEnumerable<TrackingTarget> Targets(Deciding d, ShipmentRecord shipment)
    {
        if (d.Settings.SyncTrackingToShopify && d.State.Order!.CancelledAt is null && !shipment.Lines.IsEmpty) yield return TrackingTarget.Shopify;
        if (shipment.Tracking.Numbers.IsEmpty) yield break;
        if (d.Settings.SyncTrackingToPayPal && d.State.Payment.PayPalCaptureId is not null) yield return TrackingTarget.PayPal;
        if (d.Settings.SyncTrackingToStripe && d.State.Payment.StripePaymentIntentId is not null) yield return TrackingTarget.Stripe;
    }
}
