namespace OrderSync.Benchmarks;

/// <summary>p50, p99 and max of a set of latencies in milliseconds (nearest rank); all zero when there are none.</summary>
public sealed record LatencyFigures(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencyFigures Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new LatencyFigures(0, 0, 0, 0);
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencyFigures(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }
}

/// <param name="AckNotSuccess">Webhooks answered with a status other than 2xx.</param>
/// <param name="AckFailed">Webhooks not answered at all (connection error or time-out).</param>
/// <param name="NeverPushed">Orders with no vendor order when the wait for pushes ended.</param>
/// <param name="DuplicatePushes">Vendor orders created for an order that already had one.</param>
/// <param name="NeverTracked">Pushed orders whose shipment had not reached Shopify, PayPal and Stripe when the wait ended.</param>
/// <param name="DoubledReports">Second fulfillments, PayPal trackers or Stripe updates for one order's one shipment.</param>
public sealed record RunErrors(int AckNotSuccess, int AckFailed, int NeverPushed, int DuplicatePushes, int NeverTracked, int DoubledReports)
{
    public int Total => AckNotSuccess + AckFailed + NeverPushed + DuplicatePushes + NeverTracked + DoubledReports;
}

/// <param name="RequestedRuntime">The OrderSync:Runtime the host was started with.</param>
/// <param name="ReportedRuntime">The runtime the host says it runs, when it says one.</param>
/// <param name="DrainOrdersPerSecond">Orders pushed per second, from the first webhook due to the last push.</param>
/// <param name="Tracking">From each vendor shipment webhook's answer to its fulfillment, PayPal tracker and Stripe tracking all existing.</param>
/// <param name="PeakRssMb">The host process's peak resident set (VmHWM), when it could be read.</param>
public sealed record RunFigures(
    string RequestedRuntime, string? ReportedRuntime, int Orders, double RatePerSecond,
    LatencyFigures Ack, LatencyFigures Push, int Pushed, double DrainSeconds, double DrainOrdersPerSecond,
    LatencyFigures Tracking, OutboundCalls Calls, RunErrors Errors, double? PeakRssMb)
{
    /// <summary>What the figures are labelled with: the host's own word when it gives one.</summary>
    public string Runtime => ReportedRuntime ?? RequestedRuntime;
}
