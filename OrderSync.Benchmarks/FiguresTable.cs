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
        to.WriteLine(F($"  {"drain",-10} {run.DrainOrdersPerSecond,10:F1} orders/s ({run.Pushed} pushed in {run.DrainSeconds:F1} s)"));
        to.WriteLine(F($"  {"errors",-10} {e.Total,10} (ack non-2xx {e.AckNotSuccess}, ack failed {e.AckFailed}, never pushed {e.NeverPushed}, duplicate pushes {e.DuplicatePushes})"));
        to.WriteLine(F($"  {"peak RSS",-10} {(run.PeakRssMb is { } mb ? mb.ToString("F1", CultureInfo.InvariantCulture) : "n/a"),10} MB (host process, VmHWM)"));
    }

    private static string Row(string name, LatencyFigures f) => F($"  {name,-10} {f.P50Ms,10:F1} {f.P99Ms,10:F1} {f.MaxMs,10:F1}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
