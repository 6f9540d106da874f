namespace OrderSync.Core.Lifecycle;

/// <summary>The one-word status an operator filters orders by, derived from the order's state.</summary>
public static class OrderStatus
{
    public const string New = "new";
    public const string Failed = "failed";
    public const string Attention = "attention";
    public const string Held = "held";
    public const string Pushing = "pushing";

    /// <summary>At the vendor, awaiting (more) tracking.</summary>
    public const string Pushed = "pushed";

    /// <summary>Every vendor shipped; tracking is still being reported.</summary>
    public const string Shipped = "shipped";

    /// <summary>Every vendor shipped and every report is made: nothing left to do.</summary>
    public const string Completed = "completed";

    public const string Cancelled = "cancelled";

    /// <summary>No line goes to a vendor: the order is only recorded.</summary>
    public const string Recorded = "recorded";

    public static IReadOnlyList<string> All { get; } = [New, Failed, Attention, Held, Pushing, Pushed, Shipped, Completed, Cancelled, Recorded];

    /// <summary>The most urgent condition wins: failed, then attention, then held, then work in progress. An order not known yet can only need attention (a signal for it was set aside).</summary>
    public static string Of(OrderState state) =>
        state.Order is null ? (state.OpenAttention.Any() ? Attention : New)
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Failed) || state.Work.Any(w => w.Status == WorkStatus.Failed) ? Failed
        : state.OpenAttention.Any() ? Attention
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Held) || !state.Unrouted.IsEmpty ? Held
        : state.SubOrders.Any(s => s.Status is SubOrderStatus.Pushing or SubOrderStatus.Cancelling) ? Pushing
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Pushed) ? Pushed
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Shipped) ? (state.Work.IsEmpty ? Completed : Shipped)
        : state.SubOrders.IsEmpty ? (state.Order.CancelledAt is null ? Recorded : Cancelled)
        : Cancelled;

    /// <summary>Why the order is where it is, for lists an operator works through: holds, failures, open attention, unmapped lines.</summary>
    public static IReadOnlyList<string> Reasons(OrderState state) =>
    [
        .. state.SubOrders.Where(s => s.Status is SubOrderStatus.Held or SubOrderStatus.Failed && s.Reason is not null)
            .Select(s => $"vendor {s.VendorId} {s.Status.ToString().ToLowerInvariant()}: {s.Reason}"),
        .. state.Work.Where(w => w.Status == WorkStatus.Failed).Select(w => $"failed: {OrderLifecycle.Describe(w.Command)}: {w.Reason}"),
        .. state.OpenAttention.Select(a => $"attention: {a.Reason}"),
        .. state.Unrouted.Select(u => $"held: {u.Reason}"),
    ];

    /// <summary>Nothing is left to do, and nothing will be unless a new signal comes: the Azure shell ends the order's orchestration.</summary>
    public static bool IsTerminal(OrderState state) => Of(state) is Completed or Cancelled;
}
