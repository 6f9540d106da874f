using System.Globalization;

namespace OrderSync.Benchmarks;

/// <summary>The rate-budget figures as plain text.</summary>
public static class BudgetTable
{
    public static void Print(BudgetFigures b, TextWriter to)
    {
        to.WriteLine();
        to.WriteLine(F($"Shopify rate budget: a vendor store of {b.BucketSize:0} points restoring {b.RestoreRate:0}/s, {b.WindowSeconds:F0} s"));
        to.WriteLine(F($"  pushed {b.Pushed} of {b.OrdersPosted} orders; {b.PointsSpent:0} points charged; webhook errors {b.AckErrors}"));
        to.WriteLine(F($"  second half of the window: {b.PointsPerSecond:F1} points/s = {b.Used:P0} of the restore rate; THROTTLED answers {b.Throttled}"));
        to.WriteLine(F($"  target: at least {BudgetRun.UsedTarget:P0} of the restore rate used and 0 THROTTLED: {(b.Met ? "met" : "MISSED")}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
