using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>
/// The order's rules, as one pure function: (state, signal, settings, now) → decision.
/// No I/O, no clock, no randomness: both shells and the tests get the same answer from the same inputs.
/// Each signal first changes what OrderSync knows (this file, <see cref="Payments"/>, <see cref="Shipments"/>,
/// <see cref="Outcomes"/>); then <see cref="Reconciler"/> compares what is wanted with what each platform holds and issues
/// the commands that close the gap. A signal that changes nothing issues nothing: duplicates and stale signals are harmless.
/// </summary>
public static class OrderLifecycle
{
    public static Decision Decide(OrderState state, Signal signal, SyncSettings settings, DateTimeOffset now)
    {
        var deciding = new Deciding(state, settings, now);
        if (Apply(deciding, signal) is { } unchanged) return Decision.Unchanged(state, unchanged);
        Reconciler.Reconcile(deciding);
        return deciding.ToDecision();
    }

    /// <summary>Takes in what the signal says; returns why nothing changed when the signal is a duplicate, stale or not applicable.</summary>
    private static string? Apply(Deciding d, Signal signal) => (signal, d.State) switch
    {
        (OrderPlaced placed, { Order: null }) => Record(d, placed.Order),
        (OrderPlaced, _) => "order already recorded; repeated notice ignored",
        // Shopify does not promise order: an update may come before the create, and carries the whole order.
        (OrderUpdated updated, { Order: null }) => Record(d, updated.Order),
        (OrderUpdated updated, { Order: { } known }) when updated.Order.UpdatedAt <= known.UpdatedAt =>
            $"update of {updated.Order.UpdatedAt:u} is not newer than the order known ({known.UpdatedAt:u}); ignored",
        (OrderUpdated updated, _) => Refresh(d, updated.Order),
        (OrderCancelled cancelled, _) => Cancel(d, cancelled),
        (OrderEdited edited, _) => Edit(d, edited),
        (PaymentReported payment, _) => Payments.Apply(d, payment),
        (VendorShipped shipped, _) => Shipments.Record(d, shipped),
        (VendorOrderCancelled cancelled, _) => Shipments.VendorCancelled(d, cancelled),
        (ICommandOutcome outcome, _) => Outcomes.Apply(d, signal, outcome.CommandId),
        (WakeUp, _) => d.State.Work.Any(w => w.Status == WorkStatus.WaitingToRetry && w.Retry?.NextAttemptAt <= d.Now) ? null : "woke up: nothing due",
        (OperatorRetry retry, _) => Outcomes.Resume(d, retry.Operator),
        (SignalAbandoned abandoned, _) => Abandoned(d, abandoned),
        (OperatorReevaluate reevaluate, { Order: null }) => $"re-evaluation by {reevaluate.Operator}: the order is not known yet",
        (OperatorReevaluate reevaluate, _) => Note(d, $"re-evaluated by {reevaluate.Operator} under the current settings"),
        _ => $"{signal.GetType().Name} is not a signal OrderSync acts on",
    };

    /// <summary>A command in words, for the timeline and notes.</summary>
    public static string Describe(Command command) => Outcomes.Describe(command);

    private static string? Record(Deciding d, Order order)
    {
        d.State = d.State with { Order = order };
        d.Note($"order {order.Name} recorded with {order.Lines.Length} line(s)");
        return null;
    }

    /// <summary>A newer snapshot of the order. Failed order changes get another try with the new data.</summary>
    private static string? Refresh(Deciding d, Order order)
    {
        d.State = d.State with
        {
            Order = order,
            Work = [.. d.State.Work.Where(w => !(w.Status == WorkStatus.Failed && w.Command is UpdateVendorOrder or EditVendorOrderLines))],
        };
        d.Note($"order updated as of {order.UpdatedAt:u}");
        return null;
    }

    /// <summary>Cancellation only ever moves forward: a cancel notice older than the order known still cancels it.</summary>
    private static string? Cancel(Deciding d, OrderCancelled cancelled)
    {
        if (d.State.Order is { CancelledAt: not null }) return "order already cancelled; repeated notice ignored";
        var order = d.State.Order is { } known && known.UpdatedAt >= cancelled.Order.UpdatedAt
            ? known with { CancelledAt = cancelled.At }
            : cancelled.Order with { CancelledAt = cancelled.At };
        d.State = d.State with { Order = order };
        d.Note($"order {order.Name} cancelled{(cancelled.Reason is null ? "" : $" ({cancelled.Reason})")}");
        return null;
    }

    /// <summary>
    /// orders/edited names lines by id with quantity deltas. A line it adds that the order does not have yet cannot be
    /// routed from the edit alone: the orders/updated Shopify sends with every edit carries it, whole.
    /// </summary>
    private static string? Edit(Deciding d, OrderEdited edited)
    {
        if (edited.EditId is { } id && d.State.AppliedEdits.Contains(id)) return $"edit {id} already applied";
        if (d.State.Order is not { } order) return "edit of an order not known yet: its snapshot will carry the edit";
        if (order.UpdatedAt >= edited.At) return $"edit of {edited.At:u} is already in the order known ({order.UpdatedAt:u})";
        var unknown = edited.Additions.Concat(edited.Removals).Select(c => c.LineId).Where(l => order.Lines.All(o => o.LineId != l)).ToList();
        if (unknown.Count > 0) return $"edit adds line(s) {string.Join(", ", unknown)} not known yet: applied when the order's update names them";

        int Delta(string line) => edited.Additions.Where(c => c.LineId == line).Sum(c => c.Delta) - edited.Removals.Where(c => c.LineId == line).Sum(c => c.Delta);
        var lines = order.Lines.Select(l => l with { Quantity = Math.Max(0, l.Quantity + Delta(l.LineId)) });
        d.State = d.State with
        {
            Order = order with { Lines = [.. lines], UpdatedAt = edited.At },
            AppliedEdits = edited.EditId is { } applied ? d.State.AppliedEdits.Add(applied) : d.State.AppliedEdits,
        };
        d.Note($"order edited: {edited.Additions.Length} addition(s), {edited.Removals.Length} removal(s)");
        return null;
    }

    /// <summary>A signal given up on needs a person: raised once per signal, open until an operator's retry acknowledges it.</summary>
    private static string? Abandoned(Deciding d, SignalAbandoned abandoned)
    {
        var key = $"abandoned-signal:{abandoned.SignalId}";
        if (d.State.Attention.Any(a => a.Key == key)) return $"signal {abandoned.SignalId} already recorded as set aside";
        d.Raise(key, $"signal {abandoned.SignalId} ({abandoned.Kind}) failed, set aside: {abandoned.Error}");
        return null;
    }

    private static string? Note(Deciding d, string note)
    {
        d.Note(note);
        return null;
    }
}
