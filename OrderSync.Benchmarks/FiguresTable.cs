using System.Globalization;

namespace OrderSync.Benchmarks;

/// <summary>One runtime's figures as a plain text table.</summary>
public static class FiguresTable
{
    public static void Print(RunFigures run, TextWriter to)
    {
        var label = run.ReportedRuntime is null
            ? $"{run.RequestedRuntime} (as requested; the host reports no runtime)"
            : $"{run.ReportedRuntime} (reported by the host; requested {run.RequestedRuntime})";
        var e = run.Errors;
        to.WriteLine();
        to.WriteLine($"Runtime: {label}");
        to.WriteLine(F($"{run.Orders} orders posted open loop at {run.RatePerSecond:0.#}/s"));
        to.WriteLine(F($"  {"",-10} {"p50 ms",10} {"p99 ms",10} {"max ms",10}"));
        to.WriteLine(Row("ack", run.Ack));
        to.WriteLine(Row("push", run.Push));
        to.WriteLine(Row("tracking", run.Tracking));
        to.WriteLine(F($"  {"drain",-10} {run.DrainOrdersPerSecond,10:F1} orders/s ({run.Pushed} pushed in {run.DrainSeconds:F1} s)"));
        var c = run.Calls;
        to.WriteLine(F($"  {"calls",-10} {c.TotalPerOrder,10:F2} per order (vendor Shopify {c.PerOrder(c.VendorShopify):F2}, merchant Shopify {c.PerOrder(c.MerchantShopify):F2}, PayPal {c.PerOrder(c.PayPal):F2}, Stripe {c.PerOrder(c.Stripe):F2}; {c.Total} for {c.Orders} orders; and {c.PayPalTokens} PayPal token(s) for the run)"));
        foreach (var (operation, count) in c.ByOperation) to.WriteLine(F($"  {"",-10} {c.PerOrder(count),10:F2} {operation}"));
        to.WriteLine(F($"  {"errors",-10} {e.Total,10} (ack non-2xx {e.AckNotSuccess}, ack failed {e.AckFailed}, never pushed {e.NeverPushed}, duplicate pushes {e.DuplicatePushes}, never tracked {e.NeverTracked}, doubled reports {e.DoubledReports})"));
        to.WriteLine(F($"  {"peak RSS",-10} {(run.PeakRssMb is { } mb ? mb.ToString("F1", CultureInfo.InvariantCulture) : "n/a"),10} MB (host process, VmHWM)"));
        Targets(run, to);
    }

    private static string Row(string name, LatencyFigures f) => F($"  {name,-10} {f.P50Ms,10:F1} {f.P99Ms,10:F1} {f.MaxMs,10:F1}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The issue's end-to-end targets, each met or missed (push p99 is measured at the run's rate, the target's at 100 orders/s).</summary>
    private static void Targets(RunFigures run, TextWriter to)
    {
        void Target(string what, bool met, string measured) => to.WriteLine($"  target: {what}: {measured}, {(met ? "met" : "MISSED")}");
        Target(F($"push p99 at most 2 s at {run.RatePerSecond:0.#} orders/s"), run.Push.P99Ms <= 2000, F($"{run.Push.P99Ms:F0} ms"));
        Target("tracking lag p99 at most 5 s", run.Tracking.Count > 0 && run.Tracking.P99Ms <= 5000, F($"{run.Tracking.P99Ms:F0} ms"));
        Target(F($"at most {OutboundCalls.TargetPerOrder} outbound calls per order"), run.Calls.Orders > 0 && run.Calls.TotalPerOrder <= OutboundCalls.TargetPerOrder, F($"{run.Calls.TotalPerOrder:F2}"));
        Target("peak RSS at most 250 MB", run.PeakRssMb is <= 250, run.PeakRssMb is { } mb ? F($"{mb:F0} MB") : "n/a");
    }
}
