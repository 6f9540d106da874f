namespace OrderSync.Core.Lifecycle;

/// <summary>The one-word status an operator filters orders by, derived from the sub-orders.</summary>
public static class OrderStatus
{
    public const string New = "new";
    public const string Failed = "failed";
    public const string Held = "held";
    public const string Pushing = "pushing";
    public const string Pushed = "pushed";
    public const string Recorded = "recorded";

    /// <summary>The most urgent condition wins: failed, then held, then in progress.</summary>
    public static string Of(OrderState state) =>
        state.Order is null ? New
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Failed) ? Failed
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Held) || !state.Unrouted.IsEmpty ? Held
        : state.SubOrders.Any(s => s.Status == SubOrderStatus.Pushing) ? Pushing
        : state.SubOrders.IsEmpty ? Recorded
        : Pushed;
}
