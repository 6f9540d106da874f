namespace OrderSync.Core.Lifecycle;

/// <summary>What commands' outcomes do, and an operator's retry of what failed.</summary>
internal static class Outcomes
{
    public static string? Apply(Deciding d, Signal outcome, string commandId)
    {
        // Only the attempt in flight is awaited: a late answer to an attempt already given up on, or a duplicate, changes nothing.
        if (d.State.Work.FirstOrDefault(w => w.Command.Id == commandId && w.Status == WorkStatus.InFlight) is not { } work)
            return $"outcome of {commandId} already applied";

        if (outcome is CommandFailed failed) return Failed(d, work, failed);
        d.State = d.State.WithoutWork(work.Slot);
        Succeeded(d, work, outcome);
        return null;
    }

    private static void Succeeded(Deciding d, Work work, Signal outcome)
    {
        var reference = outcome switch { VendorOrderCreated c => c.VendorOrderId, CommandSucceeded s => s.Reference, _ => null };
        switch (work.Command)
        {
            case PushOrderToVendor push when d.State.SubOrder(push.VendorId) is { } sub:
                var created = outcome as VendorOrderCreated;
                var pushed = sub with
                {
                    Status = SubOrderStatus.Pushed, Reason = null, VendorOrderId = reference, VendorOrderName = created?.VendorOrderName,
                    Lines = push.Draft.Lines,
                    Sent = new VendorOrderDetails(push.Draft.Customer, push.Draft.ShippingAddress, push.Draft.Note, d.State.Order?.Tags ?? [], push.Draft.ShippingMethod),
                };
                // The vendor may ship before its answer to the push comes (an answer lost, then found by the retry).
                d.Update(pushed.AllShipped ? pushed with { Status = SubOrderStatus.Shipped } : pushed);
                d.Note($"vendor {push.VendorId}: pushed as {created?.VendorOrderName ?? reference}{(pushed.AllShipped ? "; every line is already shipped" : "")}");
                break;
            case UpdateVendorOrder update when d.State.SubOrder(update.VendorId) is { } sub:
                d.Update(sub with { Sent = update.Details });
                d.Note($"vendor {update.VendorId}: order details updated");
                break;
            case EditVendorOrderLines edit when d.State.SubOrder(edit.VendorId) is { } sub:
                d.Update(sub with { Lines = edit.Lines });
                d.Note($"vendor {edit.VendorId}: lines now {Describe(edit.Lines)}");
                break;
            case CancelVendorOrder cancel when d.State.SubOrder(cancel.VendorId) is { } sub:
                d.Update(sub with { Status = SubOrderStatus.Cancelled });
                d.Note($"vendor {cancel.VendorId}: order {sub.VendorOrderName ?? sub.VendorOrderId} cancelled ({sub.Reason})");
                break;
            case CancelUnconfirmedPush withdraw when d.State.SubOrder(withdraw.VendorId) is { } sub:
                d.Update(sub with { Status = SubOrderStatus.Cancelled, VendorOrderId = reference, UnconfirmedPushId = null });
                d.Note(reference is null
                    ? $"vendor {withdraw.VendorId}: holds no order from the push that failed before it confirmed; nothing to cancel"
                    : $"vendor {withdraw.VendorId}: order {reference}, made by the push that failed before it confirmed, cancelled ({sub.Reason})");
                break;
            case FindPaymentReferences:
                var found = outcome as PaymentReferencesFound;
                var ledger = d.State.Payment;
                d.State = d.State with
                {
                    Payment = ledger with
                    {
                        ReferencesSought = true,
                        PayPalCaptureId = ledger.PayPalCaptureId ?? found?.PayPalCaptureId,
                        StripePaymentIntentId = ledger.StripePaymentIntentId ?? found?.StripePaymentIntentId,
                    },
                };
                d.Note($"payment references: PayPal capture {found?.PayPalCaptureId ?? "none"}, Stripe PaymentIntent {found?.StripePaymentIntentId ?? "none"}");
                break;
            case ReportTrackingToShopify shopify:
                Reported(d, work.Slot, shopify.ShipmentId, TrackingTarget.Shopify, shopify.Tracking, reference ?? shopify.FulfillmentId);
                break;
            case ReportTrackingToPayPal paypal:
                Reported(d, work.Slot, paypal.ShipmentId, TrackingTarget.PayPal, paypal.Tracking, reference ?? paypal.TrackerId);
                break;
            case ReportTrackingToStripe stripe:
                Reported(d, work.Slot, stripe.ShipmentId, TrackingTarget.Stripe, stripe.Tracking, reference ?? stripe.PaymentIntentId);
                break;
        }
    }

    /// <summary>Records the report on the shipment of the vendor whose report slot it was: shipment ids are only unique per vendor.</summary>
    private static void Reported(Deciding d, string slot, string shipmentId, TrackingTarget target, Tracking sent, string? reference)
    {
        var sub = d.State.SubOrders.First(s => Slots.Report(s.VendorId, shipmentId, target) == slot);
        var shipment = sub.Shipments.First(x => x.ShipmentId == shipmentId);
        var revision = shipment.ReportTo(target) is { } earlier ? earlier.Revision + 1 : 0;
        var report = new TrackingReport(target, sent, reference, revision);
        var updated = shipment with { Reports = [.. shipment.Reports.Where(r => r.Target != target), report] };
        d.Update(sub with { Shipments = [.. sub.Shipments.Select(s => s.ShipmentId == shipmentId ? updated : s)] });
        d.Note($"shipment {shipmentId}: tracking {sent} reported to {target}");
    }

    private static string? Failed(Deciding d, Work work, CommandFailed failed)
    {
        var retry = d.Settings.Retry;
        var attempts = (work.Retry?.Attempts ?? 0) + 1;
        var firstFailure = work.Retry?.FirstFailureAt ?? d.Now;
        var what = Describe(work.Command);
        if (failed.Kind == FailureKind.Transient && d.Now - firstFailure < retry.Budget)
        {
            var next = d.Now + retry.DelayAfter(attempts, failed.RetryAfter);
            d.State = d.State.WithWork(work with { Status = WorkStatus.WaitingToRetry, Retry = new RetryState(attempts, firstFailure, next, failed.Reason) });
            d.Note($"{what}: attempt {attempts} failed ({failed.Reason}); next try at {next:u}");
            return null;
        }

        var reason = failed.Kind == FailureKind.Permanent
            ? failed.Reason
            : $"gave up after {attempts} attempts over {d.Now - firstFailure:g}: {failed.Reason}";
        if (work.Command is PushOrderToVendor push && d.State.SubOrder(push.VendorId) is { } sub)
        {
            d.State = d.State.WithoutWork(work.Slot);
            d.Update(sub with { Status = SubOrderStatus.Failed, Reason = reason });
        }
        else
        {
            d.State = d.State.WithWork(work with { Status = WorkStatus.Failed, Retry = null, Reason = reason });
        }
        d.Note($"{what}: failed, {reason}");
        return null;
    }

    /// <summary>An operator's retry resumes failed pushes and failed work from where they stopped, and acknowledges what needed attention.</summary>
    public static string? Resume(Deciding d, string operatorName)
    {
        if (d.State.Order is null && !d.State.OpenAttention.Any()) return $"retry by {operatorName}: the order is not known yet";
        var failedSubs = d.State.SubOrders.Where(s => s.Status == SubOrderStatus.Failed).ToList();
        var failedWork = d.State.Work.Where(w => w.Status == WorkStatus.Failed).ToList();
        var open = d.State.OpenAttention.ToList();
        var held = d.State.SubOrders.Any(s => s.Status == SubOrderStatus.Held) || !d.State.Unrouted.IsEmpty;
        if (failedSubs.Count == 0 && failedWork.Count == 0 && open.Count == 0 && !held)
            return $"retry by {operatorName}: nothing has failed, is held or needs attention";

        foreach (var sub in failedSubs) d.Update(sub with { Status = SubOrderStatus.Pushing, Reason = null });
        d.State = d.State with
        {
            Work = [.. d.State.Work.Where(w => w.Status != WorkStatus.Failed)],
            Attention = [.. d.State.Attention.Select(a => a.AcknowledgedBy is null ? a with { AcknowledgedBy = operatorName } : a)],
        };
        d.Note($"retry requested by {operatorName}: {failedSubs.Count + failedWork.Count} failed step(s) resumed, {open.Count} attention item(s) acknowledged");
        return null;
    }

    public static string Describe(Command command) => command switch
    {
        PushOrderToVendor p => $"push of {p.Draft.Lines.Length} line(s) to vendor {p.VendorId}",
        UpdateVendorOrder u => $"update of vendor {u.VendorId}'s order {u.VendorOrderId}",
        EditVendorOrderLines e => $"line edit of vendor {e.VendorId}'s order {e.VendorOrderId} to {Describe(e.Lines)}",
        CancelVendorOrder c => $"cancellation of vendor {c.VendorId}'s order {c.VendorOrderId}",
        CancelUnconfirmedPush c => $"cancellation of the order, if any, that the unconfirmed push left at vendor {c.VendorId}",
        ReportTrackingToShopify s => $"{(s.FulfillmentId is null ? "fulfillment" : "tracking correction")} on the Shopify order for shipment {s.ShipmentId} ({s.Tracking})",
        ReportTrackingToPayPal p => $"PayPal {(p.TrackerId is null ? "tracker" : "tracker correction")} on capture {p.CaptureId} for shipment {p.ShipmentId} ({p.Tracking})",
        ReportTrackingToStripe s => $"Stripe tracking on {s.PaymentIntentId} for shipment {s.ShipmentId} ({s.Tracking})",
        FindPaymentReferences => "look-up of the order's PayPal and Stripe payment references",
        _ => command.Id,
    };

    public static string Describe(IEnumerable<Policy.RoutedLine> lines) =>
        string.Join(", ", lines.Select(l => $"{l.Quantity} × {l.VendorSku ?? l.Title}").DefaultIfEmpty("no lines"));
}
