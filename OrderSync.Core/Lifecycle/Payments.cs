using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>What payment reports do: captures release held orders; refunds, reversals and disputes stop or flag them.</summary>
internal static class Payments
{
    public static string? Apply(Deciding d, PaymentReported payment)
    {
        var ledger = Remember(d.State.Payment, payment);
        var said = $"{payment.Platform} reports payment {payment.Event.ToString().ToLowerInvariant()}";
        switch (payment.Event)
        {
            case PaymentEvent.Captured:
                if (d.State.Payment.Captured && ledger == d.State.Payment) return $"{said}: already known";
                d.State = d.State with { Payment = ledger with { Captured = true } };
                d.Note($"{said}{(payment.Reference is null ? "" : $" ({payment.Reference})")}");
                return null;
            case PaymentEvent.Refunded or PaymentEvent.Reversed or PaymentEvent.Disputed when payment.Platform != PaymentPlatform.Shopify:
                return Reverse(d, ledger, payment, said);
            case PaymentEvent.Refunded:
                // A Shopify refund may be of one line; the order's financial status, in the update Shopify sends with it, says whether it is all of it.
                return Recorded(d, ledger, $"{said}{(payment.Amount is { } m ? $" of {m.Amount} {m.Currency}" : "")}: recorded; the order's financial status decides whether it is the whole order");
            default:
                return Recorded(d, ledger, $"{said}: recorded");
        }
    }

    /// <summary>
    /// A report that changes nothing OrderSync does matters only for a payment reference it names: one that names none new
    /// changes nothing, so (like a duplicate) it issues nothing and is only noted.
    /// </summary>
    private static string? Recorded(Deciding d, PaymentLedger ledger, string note)
    {
        if (ledger == d.State.Payment) return note;
        d.State = d.State with { Payment = ledger };
        d.Note(note);
        return null;
    }

    /// <summary>Why the order's money is gone, if it is: what a platform reported, or the financial status on the order.</summary>
    public static string? Reversal(OrderState state) =>
        state.Payment.Reversal
        ?? (state.Order?.PaymentStatus is PaymentStatus.Refunded or PaymentStatus.Voided
            ? $"{state.Order.PaymentStatus.ToString().ToLowerInvariant()} (Shopify)"
            : null);

    public static bool Captured(OrderState state) => state.Payment.Captured || state.Order?.PaymentStatus.IsCaptured() == true;

    private static PaymentLedger Remember(PaymentLedger ledger, PaymentReported payment) => payment switch
    {
        { Platform: PaymentPlatform.PayPal, Reference: { } capture } when ledger.PayPalCaptureId is null => ledger with { PayPalCaptureId = capture },
        { Platform: PaymentPlatform.Stripe, Reference: { } intent } when ledger.StripePaymentIntentId is null && intent.StartsWith("pi_", StringComparison.Ordinal) =>
            ledger with { StripePaymentIntentId = intent },
        _ => ledger,
    };

    /// <summary>
    /// Before shipment the merchant's setting decides (hold, or cancel at the vendor: the reconciler applies it); after shipment
    /// it is recorded, and for a dispute the tracking already reported is the merchant's evidence.
    /// </summary>
    private static string? Reverse(Deciding d, PaymentLedger ledger, PaymentReported payment, string said)
    {
        var what = $"{payment.Event.ToString().ToLowerInvariant()} ({payment.Platform})";
        if (d.State.Payment.Reversal is not null) return $"{said}: the payment is already {d.State.Payment.Reversal}";
        d.State = d.State with { Payment = ledger with { Reversal = what } };
        d.Note(said);

        // What is not shipped yet the reconciler holds, cancels or flags (Reconciler.VendorOrder), as for a reversal the
        // order's financial status shows.
        foreach (var sub in d.State.SubOrders.Where(s => !s.Shipments.IsEmpty))
            d.Note(payment.Event == PaymentEvent.Disputed
                ? $"vendor {sub.VendorId} had already shipped; evidence for the dispute: tracking {string.Join("; ", sub.Shipments.Select(s => s.Tracking))}"
                : $"vendor {sub.VendorId} had already shipped: {what} recorded");
        return null;
    }
}
