using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>
/// How much of a Shopify store's rate limit OrderSync uses: a vendor store with the Standard plan's bucket (100 points a
/// second) gets more pushes than it can take in the window, and the points it charged over the window's second half (when
/// the full bucket it started with is spent) are set against what it restored in that time.
/// </summary>
public static class BudgetRun
{
    /// <summary>The targets: at least 90% of the restore rate used, and no request answered THROTTLED.</summary>
    public const double UsedTarget = 0.90;

    private const double PushCost = 10; // the simulator's orderCreate

    public static async Task<BudgetFigures> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var bucket = CostBucket.Standard;
        var window = options.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(120);
        // Twice what the bucket lets through in the window, so the backlog never runs out.
        var orders = (int)(2 * (bucket.MaximumAvailable + bucket.RestoreRate * window.TotalSeconds) / PushCost);
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Bucket: bucket));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        log.WriteLine($"budget: {orders} orders to a vendor store of {bucket.MaximumAvailable} points restoring {bucket.RestoreRate}/s, for {window.TotalSeconds} s");

        var requests = Enumerable.Range(0, orders).Select(i => BenchmarkOrders.Distinct(i).ToRequest(world.Host.BaseUrl)).ToList();
        var posting = WebhookPoster.PostAsync(http, requests, rate: 400, Stopwatch.GetTimestamp());
        while (world.Vendor.Received.Count == 0) await Task.Delay(10);
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(window / 2);
        var (midPoints, midAt) = (world.Vendor.SpentPoints, Stopwatch.GetTimestamp());
        await Task.Delay(window / 2);
        var (endPoints, endAt) = (world.Vendor.SpentPoints, Stopwatch.GetTimestamp());
        var acks = await posting;

        var seconds = Stopwatch.GetElapsedTime(midAt, endAt).TotalSeconds;
        return new BudgetFigures(bucket.MaximumAvailable, bucket.RestoreRate, Stopwatch.GetElapsedTime(start, endAt).TotalSeconds, orders,
            world.Vendor.Orders.Count, endPoints, (endPoints - midPoints) / seconds, world.Vendor.ThrottledCount,
            acks.Count(a => !a.Succeeded));
    }
}

/// <param name="PointsPerSecond">Points charged per second over the window's second half.</param>
/// <param name="Throttled">Requests the store answered THROTTLED, over the whole run.</param>
/// <param name="AckErrors">Webhooks not answered 2xx.</param>
public sealed record BudgetFigures(double BucketSize, double RestoreRate, double WindowSeconds, int OrdersPosted, int Pushed, double PointsSpent,
    double PointsPerSecond, int Throttled, int AckErrors)
{
    public double Used => RestoreRate > 0 ? PointsPerSecond / RestoreRate : 0;

    public bool Met => Used >= BudgetRun.UsedTarget && Throttled == 0;
}
