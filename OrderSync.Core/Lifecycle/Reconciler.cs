using System.Collections.Immutable;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>
/// Compares what the order wants with what each platform holds, and issues the commands that close the gap: push, hold
/// or release, edit lines, update details, cancel (and, through <see cref="TrackingReports"/>, report tracking). It runs after every signal that changed something,
/// so a rule applies whichever signal made it true, and a duplicate or echo (nothing changed) issues nothing.
/// </summary>
internal static class Reconciler
{
    public static void Reconcile(Deciding d)
    {
        if (d.State.Order is null) return;
        Route(d);
        TrackingReports.FindPaymentReferences(d);
        foreach (var vendorId in d.State.SubOrders.Select(s => s.VendorId).ToList())
        {
            VendorOrder(d, vendorId);
            TrackingReports.Report(d, vendorId);
        }
        DropUnwantedRetries(d);
    }

    /// <summary>
    /// A due retry that no rule tried again is wanted no more (its target no longer applies, the payment references came
    /// from a webhook meanwhile, the change it carried was undone): kept, it would stay due and wake the order in a loop.
    /// </summary>
    private static void DropUnwantedRetries(Deciding d)
    {
        foreach (var work in d.State.Work.Where(w => w.Status == WorkStatus.WaitingToRetry && w.Retry?.NextAttemptAt <= d.Now).ToList())
        {
            d.State = d.State.WithoutWork(work.Slot);
            d.Note($"{Outcomes.Describe(work.Command)}: no longer needed; its retry is dropped");
        }
    }

    /// <summary>
    /// Gives each line with a quantity its vendor: the one that already has it (so a mapping changed later moves nothing
    /// already sent), else the product mapping. A line swapped for another variant is a new line, routed on its own.
    /// </summary>
    private static void Route(Deciding d)
    {
        var routing = OrderRouting.Route(d.State.Order!, d.Settings, line => Owner(d, line), line => Unrouted(d, line));
        var wanted = routing.Vendors.ToDictionary(v => v.VendorId, v => v.Lines, StringComparer.Ordinal);

        foreach (var line in routing.Unrouted.Where(u => d.State.Unrouted.All(k => k.MerchantLineId != u.MerchantLineId))) d.Note($"held: {line.Reason}");
        d.State = d.State with { Unrouted = routing.Unrouted };
        if (wanted.Count == 0 && d.State.SubOrders.IsEmpty && routing.Unrouted.IsEmpty) d.Note("no line is fulfilled by a vendor: nothing to push");

        foreach (var vendorId in wanted.Keys.Union(d.State.SubOrders.Select(s => s.VendorId)).Order(StringComparer.Ordinal).ToList())
            ChangeLines(d, vendorId, wanted.GetValueOrDefault(vendorId, []));
    }

    /// <summary>The vendor that already has a line, with the line as the order now says it; null when none has it.</summary>
    private static (string VendorId, RoutedLine Line)? Owner(Deciding d, OrderLine line) =>
        d.State.SubOrders.FirstOrDefault(s => s.Lines.Any(l => l.MerchantLineId == line.LineId)) is { } owner
            ? (owner.VendorId, owner.Lines.First(l => l.MerchantLineId == line.LineId) with { Quantity = line.Quantity, Title = line.Title, UnitPrice = line.UnitPrice })
            : null;

    /// <summary>An unmapped line; while sync is off (a store not configured) that comes first, as it is what a person must fix.</summary>
    private static UnroutedLine Unrouted(Deciding d, OrderLine line)
    {
        var unrouted = OrderRouting.Unrouted(line);
        return d.Settings.EnableOrderSync ? unrouted : unrouted with { Reason = $"{d.Settings.DisabledReason}; {unrouted.Reason}" };
    }

    private static void ChangeLines(Deciding d, string vendorId, ImmutableArray<RoutedLine> wanted)
    {
        if (d.State.SubOrder(vendorId) is not { } sub)
        {
            d.Update(SubOrder.Create(vendorId, wanted, SubOrderStatus.Pushing));
            d.Note($"vendor {vendorId}: {wanted.Length} line(s) to fulfil");
            return;
        }
        if (SameLines(sub.Lines, wanted)) return;

        var pushInFlight = d.State.WorkFor(Slots.Vendor(vendorId)) is { Status: WorkStatus.InFlight };
        switch (sub.Status)
        {
            case SubOrderStatus.Failed when wanted.IsEmpty:
                // A failed push waits for a person even when its lines go: forgotten, lines routed to the vendor later would
                // be pushed again under the same key with no one having looked at why it failed. An operator retry clears it.
                break;
            case SubOrderStatus.Held or SubOrderStatus.Failed or SubOrderStatus.Pushing when !pushInFlight:
                // Never sent: it simply goes out with the lines as they are now (or not at all when none are left).
                if (wanted.IsEmpty)
                {
                    d.State = d.State.WithoutWork(Slots.Vendor(vendorId)) with { SubOrders = d.State.SubOrders.Remove(sub) };
                    d.Note($"vendor {vendorId}: no line left for it; nothing will be pushed");
                }
                else d.Update(sub with { Lines = wanted });
                break;
            case SubOrderStatus.Pushed when wanted.IsEmpty:
                d.Update(sub with { Status = SubOrderStatus.Cancelling, Reason = "every line was removed or moved to another vendor" });
                break;
            case SubOrderStatus.Pushed when !sub.Shipments.IsEmpty:
            case SubOrderStatus.Shipped:
                d.Raise($"lines-after-fulfilment:{vendorId}",
                    $"lines changed after vendor {vendorId} started fulfilment: the order wants {Describe(wanted)}, the vendor has {Describe(sub.Lines)}");
                break;
            case SubOrderStatus.Pushed when !d.Settings.PropagateLineEdits:
                d.Raise($"lines-not-propagated:{vendorId}",
                    $"line edit not sent to vendor {vendorId} (propagating line edits is off): the order wants {Describe(wanted)}, the vendor has {Describe(sub.Lines)}");
                break;
            case SubOrderStatus.Pushed:
                var revision = sub.Revision + 1;
                if (d.Issue(Slots.Vendor(vendorId), () => new EditVendorOrderLines(
                        IdempotencyKeys.EditLines(d.State.Key, vendorId, revision), d.State.Key, vendorId, sub.VendorOrderId!, wanted)
                        { Currency = d.State.Order!.Currency }))
                    d.Update(d.State.SubOrder(vendorId)! with { Revision = revision });
                break;
        }
    }

    private static void VendorOrder(Deciding d, string vendorId)
    {
        var sub = d.State.SubOrder(vendorId)!;
        var order = d.State.Order!;
        var slot = Slots.Vendor(vendorId);
        switch (sub.Status)
        {
            case SubOrderStatus.Pushing when d.State.WorkFor(slot) is { Status: WorkStatus.InFlight }:
            case SubOrderStatus.Cancelled:
                return;
            case SubOrderStatus.Held or SubOrderStatus.Pushing or SubOrderStatus.Failed when NeverPush(d) is { } never:
                // A push that failed without an answer may still have reached the vendor: the vendor is asked, and what it holds is cancelled.
                var unconfirmed = d.State.WorkFor(slot) is { Retry: not null, Command: PushOrderToVendor push } ? push.Id : null;
                d.State = d.State.WithoutWork(slot);
                d.Update(sub with { Status = unconfirmed is null ? SubOrderStatus.Cancelled : SubOrderStatus.Cancelling, Reason = never, UnconfirmedPushId = unconfirmed });
                d.Note($"vendor {vendorId}: {never}{(unconfirmed is null ? "" : "; an attempt to push failed before it confirmed, so the vendor is asked whether it holds the order")}");
                if (unconfirmed is not null) VendorOrder(d, vendorId);
                return;
            case SubOrderStatus.Failed:
                return;
            case SubOrderStatus.Held or SubOrderStatus.Pushing when HoldReason(d) is { } hold:
                d.State = d.State.WithoutWork(slot);
                if (sub.Status == SubOrderStatus.Held && sub.Reason == hold) return;
                d.Update(sub with { Status = SubOrderStatus.Held, Reason = hold });
                d.Note($"vendor {vendorId}: held, {hold}");
                return;
            case SubOrderStatus.Held or SubOrderStatus.Pushing:
                if (sub.Status == SubOrderStatus.Held) d.Note($"vendor {vendorId}: released ({sub.Reason} no longer holds)");
                d.Update(sub with { Status = SubOrderStatus.Pushing, Reason = null });
                d.Issue(slot, () => Push(d.State, d.State.SubOrder(vendorId)!, d.Settings));
                return;
            case SubOrderStatus.Cancelling when sub.VendorOrderId is null && sub.UnconfirmedPushId is { } pushId:
                d.Issue(slot, () => new CancelUnconfirmedPush(IdempotencyKeys.CancelUnconfirmed(d.State.Key, vendorId), d.State.Key, vendorId, pushId, sub.Reason ?? "cancelled"));
                return;
            case SubOrderStatus.Cancelling when sub.VendorOrderId is null:
                d.Update(sub with { Status = SubOrderStatus.Cancelled });
                return;
            case SubOrderStatus.Cancelling:
                d.Issue(slot, () => new CancelVendorOrder(IdempotencyKeys.Cancel(d.State.Key, vendorId), d.State.Key, vendorId, sub.VendorOrderId, sub.Reason ?? "cancelled"));
                return;
            case SubOrderStatus.Pushed or SubOrderStatus.Shipped when order.CancelledAt is not null && sub.Shipments.IsEmpty:
                d.Update(sub with { Status = SubOrderStatus.Cancelling, Reason = "the merchant cancelled the order" });
                VendorOrder(d, vendorId);
                return;
            case SubOrderStatus.Pushed or SubOrderStatus.Shipped when order.CancelledAt is not null:
                d.Raise($"cancelled-after-shipment:{vendorId}",
                    $"order cancelled after vendor {vendorId} shipped (tracking {string.Join("; ", sub.Shipments.Select(s => s.Tracking))}): intercept or return");
                return;
            case SubOrderStatus.Pushed when sub.Shipments.IsEmpty && Payments.Reversal(d.State) is { } reversal:
                // Whichever signal said it (PayPal, Stripe, or the order's financial status) and whenever the push was confirmed.
                if (d.Settings.OnPaymentReversal == PaymentReversalAction.CancelAtVendor)
                {
                    d.Update(sub with { Status = SubOrderStatus.Cancelling, Reason = $"payment {reversal} before the vendor shipped" });
                    VendorOrder(d, vendorId);
                    return;
                }
                d.Raise($"reversal:{vendorId}", $"payment {reversal} after vendor {vendorId} received the order ({sub.VendorOrderName ?? sub.VendorOrderId}): hold or cancel it there");
                Details(d, sub, order);
                return;
            case SubOrderStatus.Pushed or SubOrderStatus.Shipped:
                Details(d, sub, order);
                return;
        }
    }

    /// <summary>Sends changed order-level fields to a vendor that has not shipped everything; an invalid address is never sent.</summary>
    private static void Details(Deciding d, SubOrder sub, Order order)
    {
        var wanted = VendorOrderDetails.Of(order, d.Settings);
        var sent = sub.Sent ?? wanted;
        if (wanted.ShippingAddress is null) wanted = wanted with { ShippingAddress = sent.ShippingAddress };
        if (wanted.ShippingAddress != sent.ShippingAddress && AddressRules.Problems(wanted.ShippingAddress!) is { IsEmpty: false } problems)
        {
            d.Raise($"address:{sub.VendorId}", $"address change not sent to vendor {sub.VendorId}: {string.Join("; ", problems)}");
            wanted = wanted with { ShippingAddress = sent.ShippingAddress };
        }

        var changed = wanted.Differences(sent);
        if (changed.IsEmpty) return;
        if (sub.Status == SubOrderStatus.Shipped)
        {
            d.Raise($"changed-after-shipment:{sub.VendorId}", $"{string.Join(", ", changed)} changed after vendor {sub.VendorId} shipped everything: not sent");
            return;
        }
        var revision = sub.Revision + 1;
        if (d.Issue(Slots.Vendor(sub.VendorId), () => new UpdateVendorOrder(
                IdempotencyKeys.Update(d.State.Key, sub.VendorId, revision), d.State.Key, sub.VendorId, sub.VendorOrderId!, wanted)))
        {
            d.Update(d.State.SubOrder(sub.VendorId)! with { Revision = revision });
            d.Note($"vendor {sub.VendorId}: sending the changed {string.Join(", ", changed)}");
        }
    }

    /// <summary>Why a sub-order not pushed yet must never be: the order is cancelled, or its payment reversed and the merchant cancels on that.</summary>
    private static string? NeverPush(Deciding d) =>
        d.State.Order!.CancelledAt is not null ? "the order was cancelled before it was pushed: never pushed"
        : Payments.Reversal(d.State) is { } reversal && d.Settings.OnPaymentReversal == PaymentReversalAction.CancelAtVendor
            ? $"payment {reversal} before it was pushed: never pushed"
        : null;

    /// <summary>Why the order may not be pushed now: the master switch first, then the money, then the address.</summary>
    private static string? HoldReason(Deciding d)
    {
        var order = d.State.Order!;
        if (!d.Settings.EnableOrderSync) return d.Settings.DisabledReason;
        if (Payments.Reversal(d.State) is { } reversal) return $"payment {reversal}: not pushed unless a person decides";
        if (d.Settings.PushOnlyIfPaid && !Payments.Captured(d.State)) return $"awaiting payment (push only if paid; payment is {order.PaymentStatus})";
        if (order.ShippingAddress is { } address && AddressRules.Problems(address) is { IsEmpty: false } problems)
            return $"shipping address invalid: {string.Join("; ", problems)}";
        return null;
    }

    private static PushOrderToVendor Push(OrderState state, SubOrder sub, SyncSettings settings)
    {
        var order = state.Order!;
        var draft = new VendorOrderDraft(order.Key, order.Name, order.Currency, settings.ContactFor(order.Customer), order.ShippingAddress,
            sub.Lines, order.Note, order.ShippingMethod);
        return new PushOrderToVendor(IdempotencyKeys.Push(state.Key, sub.VendorId), sub.VendorId, draft);
    }

    private static bool SameLines(ImmutableArray<RoutedLine> a, ImmutableArray<RoutedLine> b) =>
        a.Length == b.Length && a.All(x => b.Any(y => y.MerchantLineId == x.MerchantLineId && y.Quantity == x.Quantity && y.VendorSku == x.VendorSku));

    private static string Describe(ImmutableArray<RoutedLine> lines) => Outcomes.Describe(lines);
}
