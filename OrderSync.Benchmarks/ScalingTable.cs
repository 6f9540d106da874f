using System.Globalization;

namespace OrderSync.Benchmarks;

/// <summary>How cost grows, as plain text.</summary>
public static class ScalingTable
{
    public static void Print(ScalingFigures scaling, TextWriter to)
    {
        to.WriteLine();
        to.WriteLine("Drain by worker processes on one queue (an ingress-only host in front)");
        to.WriteLine(F($"  {"workers",8} {"pushed",10} {"seconds",10} {"orders/s",10} {"duplicates",11} {"ack errors",11}"));
        foreach (var d in scaling.Drains)
            to.WriteLine(F($"  {d.Workers,8} {$"{d.Pushed}/{d.Orders}",10} {d.Seconds,10:F1} {d.OrdersPerSecond,10:F1} {d.DuplicatePushes,11} {d.AckErrors,11}"));
        to.WriteLine("Tracking-poll reads at one vendor by orders awaiting tracking (one read per page of changed orders, not per order)");
        to.WriteLine(F($"  {"awaiting",8} {"polls",10} {"reads",10} {"reads/poll",11}"));
        foreach (var p in scaling.Polls) to.WriteLine(F($"  {p.AwaitingTracking,8} {p.Polls,10} {p.Pages,10} {p.ReadsPerPoll,11:F2}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
