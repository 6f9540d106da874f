using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>
/// The order's rules, as one pure function: (state, signal, settings, now) → decision.
/// No I/O, no clock, no randomness: both shells and the tests get the same answer from the same inputs.
/// </summary>
public static class OrderLifecycle
{
    public static Decision Decide(OrderState state, Signal signal, SyncSettings settings, DateTimeOffset now) =>
        (signal, state) switch
        {
            (OrderPlaced placed, { Order: null }) => Place(state, placed.Order, settings),
            (OrderPlaced, _) => Decision.Unchanged(state, "order already recorded; repeated notice ignored"),
            // Shopify does not promise order: an update may come before the create, and carries the whole order.
            (OrderUpdated updated, { Order: null }) => Place(state, updated.Order, settings),
            (OrderUpdated updated, { Order: { } known }) when updated.Order.UpdatedAt <= known.UpdatedAt =>
                Decision.Unchanged(state, $"update of {updated.Order.UpdatedAt:u} is not newer than the order known ({known.UpdatedAt:u}); ignored"),
            (OrderUpdated updated, _) => Decision.Of(state with { Order = updated.Order }, [], [$"order updated as of {updated.Order.UpdatedAt:u}"]),
            (VendorOrderCreated created, _) => Created(state, created),
            (CommandFailed failed, _) => Failed(state, failed, settings.Retry, now),
            (WakeUp, _) => RetryDue(state, settings, now),
            (OperatorRetry retry, _) => Resume(state, retry, settings),
            _ => Decision.Unchanged(state, $"{signal.GetType().Name} recorded; OrderSync does not act on it yet"),
        };

    private static Decision Place(OrderState state, Order order, SyncSettings settings)
    {
        var routing = OrderRouting.Route(order, settings);
        var hold = HoldReason(order, settings);
        var subOrders = routing.Vendors
            .Select(v => hold is null
                ? new SubOrder(v.VendorId, v.Lines, SubOrderStatus.Pushing)
                : new SubOrder(v.VendorId, v.Lines, SubOrderStatus.Held, hold))
            .ToList();
        // When the whole order is held, that reason comes first on the lines no vendor takes too.
        var unrouted = hold is null ? routing.Unrouted : [.. routing.Unrouted.Select(u => u with { Reason = $"{hold}; {u.Reason}" })];
        var placed = state with { Order = order, SubOrders = [.. subOrders], Unrouted = unrouted };

        var notes = new List<string> { $"order {order.Name} recorded with {order.Lines.Length} line(s)" };
        notes.AddRange(unrouted.Select(u => $"held: {u.Reason}"));
        if (subOrders.Count == 0) notes.Add("no line is fulfilled by a vendor: nothing to push");
        notes.AddRange(subOrders.Select(s => s.Status == SubOrderStatus.Held
            ? $"vendor {s.VendorId}: held, {s.Reason}"
            : $"vendor {s.VendorId}: pushing {s.Lines.Length} line(s)"));

        var pushes = subOrders.Where(s => s.Status == SubOrderStatus.Pushing).Select(s => Push(placed, s));
        return Decision.Of(placed, pushes, notes);
    }

    /// <summary>Why the order may not be pushed now, if anything stops it; the master switch first, then what the order itself says.</summary>
    private static string? HoldReason(Order order, SyncSettings settings) =>
        !settings.EnableOrderSync ? settings.DisabledReason
        : order.CancelledAt is not null ? "the order was cancelled: it is never pushed"
        : order.PaymentStatus is PaymentStatus.Refunded or PaymentStatus.Voided ? $"payment is {order.PaymentStatus}: the order is never pushed"
        : settings.PushOnlyIfPaid && !order.PaymentStatus.IsCaptured() ? $"awaiting payment (push only if paid; payment is {order.PaymentStatus})"
        : null;

    private static Decision Created(OrderState state, VendorOrderCreated created)
    {
        if (Awaiting(state, created.CommandId) is not { } sub)
            return Decision.Unchanged(state, $"result of {created.CommandId} already applied");
        var pushed = sub with
        {
            Status = SubOrderStatus.Pushed, VendorOrderId = created.VendorOrderId,
            VendorOrderName = created.VendorOrderName, Reason = null, Retry = null,
        };
        return Decision.Of(state.With(pushed), [], [$"vendor {sub.VendorId}: pushed as {created.VendorOrderName ?? created.VendorOrderId}"]);
    }

    private static Decision Failed(OrderState state, CommandFailed failed, RetryPolicy retry, DateTimeOffset now)
    {
        if (Awaiting(state, failed.CommandId) is not { } sub)
            return Decision.Unchanged(state, $"outcome of {failed.CommandId} already applied");

        var attempts = (sub.Retry?.Attempts ?? 0) + 1;
        var firstFailure = sub.Retry?.FirstFailureAt ?? now;
        if (failed.Kind == FailureKind.Permanent || now - firstFailure >= retry.Budget)
        {
            var reason = failed.Kind == FailureKind.Permanent
                ? failed.Reason
                : $"gave up after {attempts} attempts over {now - firstFailure:g}: {failed.Reason}";
            var failedSub = sub with { Status = SubOrderStatus.Failed, Reason = reason, Retry = null };
            return Decision.Of(state.With(failedSub), [], [$"vendor {sub.VendorId}: failed, {reason}"]);
        }

        var next = now + retry.DelayAfter(attempts, failed.RetryAfter);
        var waiting = sub with { Retry = new RetryState(attempts, firstFailure, next, failed.Reason) };
        return Decision.Of(state.With(waiting), [], [$"vendor {sub.VendorId}: attempt {attempts} failed ({failed.Reason}); next try at {next:u}"]);
    }

    private static Decision RetryDue(OrderState state, SyncSettings settings, DateTimeOffset now)
    {
        var due = state.SubOrders.Where(s => s.Status == SubOrderStatus.Pushing && s.Retry?.NextAttemptAt <= now).ToList();
        if (due.Count == 0) return Decision.Unchanged(state, "woke up: nothing due");
        if (!settings.EnableOrderSync)
        {
            var held = due.Aggregate(state, (st, s) => st.With(s with { Status = SubOrderStatus.Held, Reason = settings.DisabledReason, Retry = null }));
            return Decision.Of(held, [], due.Select(s => $"vendor {s.VendorId}: retry not sent, held: {settings.DisabledReason}"));
        }
        var next = due.Aggregate(state, (st, s) => st.With(s with { Retry = s.Retry! with { NextAttemptAt = null } }));
        return Decision.Of(next, due.Select(s => Push(next, s)), due.Select(s => $"vendor {s.VendorId}: retrying push"));
    }

    /// <summary>An operator's retry pushes what failed, and what was held for a reason that no longer holds.</summary>
    private static Decision Resume(OrderState state, OperatorRetry retry, SyncSettings settings)
    {
        if (state.Order is not { } order) return Decision.Unchanged(state, $"retry by {retry.Operator}: the order is not known yet");
        if (HoldReason(order, settings) is { } hold) return Decision.Unchanged(state, $"retry by {retry.Operator}: nothing sent, {hold}");
        var resumable = state.SubOrders.Where(s => s.Status is SubOrderStatus.Failed or SubOrderStatus.Held).ToList();
        if (resumable.Count == 0) return Decision.Unchanged(state, $"retry by {retry.Operator}: nothing has failed or is held");
        var next = resumable.Aggregate(state, (st, s) => st.With(s with { Status = SubOrderStatus.Pushing, Reason = null, Retry = null }));
        return Decision.Of(next, resumable.Select(s => Push(next, s)), resumable.Select(s => $"vendor {s.VendorId}: retry requested by {retry.Operator}"));
    }

    /// <summary>The sub-order whose in-flight command this is, if its outcome has not been applied yet.</summary>
    private static SubOrder? Awaiting(OrderState state, string commandId) =>
        state.SubOrders.FirstOrDefault(s =>
            s.Status == SubOrderStatus.Pushing && s.Retry?.NextAttemptAt is null
            && IdempotencyKeys.Push(state.Key, s.VendorId) == commandId);

    private static PushOrderToVendor Push(OrderState state, SubOrder sub)
    {
        var order = state.Order!;
        var draft = new VendorOrderDraft(order.Key, order.Name, order.Currency, order.Customer, order.ShippingAddress,
            sub.Lines, order.Note, order.ShippingMethod);
        return new PushOrderToVendor(IdempotencyKeys.Push(state.Key, sub.VendorId), sub.VendorId, draft);
    }
}
