using System.Globalization;

namespace OrderSync.Benchmarks;

/// <summary>The ack path's figures as a plain text table: each load on OrderSync and on the bare storage beside it, then the targets.</summary>
public static class AckTable
{
    public static void Print(AckFigures ack, TextWriter to)
    {
        to.WriteLine();
        to.WriteLine("Ack path: OrderSync.Local's webhook route vs the bare storage work (one de-dupe insert + one enqueue)");
        to.WriteLine(F($"  {"load",-30} {"OrderSync/s",11} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"err",5} | {"ceiling/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"err",5} | {"ratio",5}"));
        foreach (var step in ack.Steps)
        {
            var (o, c) = (step.OrderSync, step.Ceiling);
            to.WriteLine(F($"  {step.Load,-30} {o.SucceededPerSecond,11:F0} {o.Latency.P50Ms,8:F1} {o.Latency.P99Ms,8:F1} {o.Latency.MaxMs,8:F1} {o.Errors,5} | {c.SucceededPerSecond,9:F0} {c.Latency.P50Ms,8:F1} {c.Latency.P99Ms,8:F1} {c.Latency.MaxMs,8:F1} {c.Errors,5} | {step.Ratio,5:F2}"));
        }
        to.WriteLine(F($"  target: at saturation ({ack.Saturation.Load}) at least {AckFigures.RatioTarget:P0} of the ceiling: {ack.Saturation.Ratio:P0}, {(ack.RatioMet ? "met" : "missed")}"));
        to.WriteLine(F($"  target: p99 at most {AckFigures.HalfCeilingP99TargetMs:F0} ms at half the ceiling ({ack.HalfCeiling.Load}): {ack.HalfCeiling.OrderSync.Latency.P99Ms:F1} ms, {(ack.HalfCeilingP99Met ? "met" : "missed")}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
