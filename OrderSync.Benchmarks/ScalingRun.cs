using System.Diagnostics;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// How cost grows. Drain: an ingress-only host queues the orders and 1, 2 and 4 worker processes share the one queue (a fresh
/// world for each). Tracking poll: with 10, 100 and 1,000 orders awaiting tracking at one vendor, the vendor reads one poll makes.
/// </summary>
public static class ScalingRun
{
    public static readonly int[] WorkerCounts = [1, 2, 4];
    public static readonly int[] AwaitingCounts = [10, 100, 1000];
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<ScalingFigures> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var drains = new List<WorkerDrain>();
        var orders = options.Quick ? 300 : 1000;
        foreach (var workers in WorkerCounts) drains.Add(await DrainAsync(workers, orders, options.PushTimeout, log));
        return new ScalingFigures(drains, await PollsAsync(options.PushTimeout, log));
    }

    private static async Task<WorkerDrain> DrainAsync(int workers, int orders, TimeSpan timeout, TextWriter log)
    {
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Worker: false));
        for (var i = 0; i < workers; i++) await world.AddWorkerAsync();
        using var pushes = new PushRecorder(world.Vendor);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var requests = Enumerable.Range(0, orders).Select(i => BenchmarkOrders.Distinct(i).ToRequest(world.Host.BaseUrl)).ToList();
        var start = Stopwatch.GetTimestamp();
        var acks = await WebhookPoster.PostAsync(http, requests, rate: 400, start);
        await pushes.WaitForAsync([.. acks.Where(a => a.Succeeded).Select(a => BenchmarkOrders.DistinctOrderId(a.Index))], timeout);
        var pushed = Enumerable.Range(0, orders).Select(i => pushes.TryGetPushedAt(BenchmarkOrders.DistinctOrderId(i), out var at) ? at : (long?)null)
            .OfType<long>().ToList();
        var seconds = pushed.Count == 0 ? 0 : Stopwatch.GetElapsedTime(start, pushed.Max()).TotalSeconds;
        var drain = new WorkerDrain(workers, orders, pushed.Count, seconds, seconds > 0 ? pushed.Count / seconds : 0, pushes.Duplicates,
            acks.Count(a => !a.Succeeded));
        foreach (var failed in acks.Where(a => !a.Succeeded).Take(3)) log.WriteLine($"scaling: webhook {failed.Index} answered {failed.StatusCode?.ToString() ?? failed.Failure}");
        if (drain.Pushed < orders - drain.AckErrors)
            await KeepMissingAsync(world, acks.Where(a => a.Succeeded && !pushes.TryGetPushedAt(BenchmarkOrders.DistinctOrderId(a.Index), out _))
                .Select(a => BenchmarkOrders.DistinctOrderId(a.Index)), log);
        log.WriteLine($"scaling: {workers} worker(s) drained {drain.Pushed} of {orders} orders at {drain.OrdersPerSecond:F1}/s");
        return drain;
    }

    /// <summary>
    /// Writes each order not pushed in time (its whole ops view: status, reasons, outbox, timeline) and every worker's output
    /// to <c>TestResults/scaling-orders/{workers}-workers/</c>, to read why, and prints each order's status.
    /// </summary>
    private static async Task KeepMissingAsync(BenchmarkWorld world, IEnumerable<string> orderIds, TextWriter log)
    {
        var folder = await OpsViews.KeepAsync(world, Path.Combine("scaling-orders", $"{world.Workers.Count}-workers"), orderIds,
            (orderId, view) => log.WriteLine($"scaling: order {orderId} not pushed in time: {view[..Math.Min(view.Length, 400)]}"));
        for (var i = 0; i < world.Workers.Count; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"worker-{i}.log"), world.Workers[i].Output);
        log.WriteLine($"scaling: the ops views and the workers' output are in {folder}");
    }

    /// <summary>Orders pushed and never shipped wait for tracking; each step adds orders, lets the cursor pass them, then counts a few polls.</summary>
    private static async Task<IReadOnlyList<PollCost>> PollsAsync(TimeSpan timeout, TextWriter log)
    {
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Configure: (_, settings) =>
        {
            settings["OrderSync:TrackingPoll:Enabled"] = "true";
            settings["OrderSync:TrackingPoll:Interval"] = PollInterval.ToString();
        }));
        using var pushes = new PushRecorder(world.Vendor);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var costs = new List<PollCost>();
        var posted = 0;
        foreach (var awaiting in AwaitingCounts)
        {
            var requests = Enumerable.Range(posted, awaiting - posted).Select(i => BenchmarkOrders.Distinct(i).ToRequest(world.Host.BaseUrl)).ToList();
            await WebhookPoster.PostAsync(http, requests, rate: 400, Stopwatch.GetTimestamp());
            await pushes.WaitForAsync([.. Enumerable.Range(0, awaiting).Select(BenchmarkOrders.DistinctOrderId)], timeout);
            posted = awaiting;
            await Task.Delay(3 * PollInterval); // the polls that read the new orders (their creation is a change) pass
            var before = PollReads(world);
            await Task.Delay(5 * PollInterval);
            var after = PollReads(world);
            var (polls, pages) = (after.Polls - before.Polls, after.Pages - before.Pages);
            costs.Add(new PollCost(awaiting, polls, pages));
            log.WriteLine($"scaling: {awaiting} orders awaiting tracking: {pages} vendor read(s) in {polls} poll(s)");
        }
        return costs;
    }

    /// <summary>The vendor store's changed-since reads: polls (first pages) and pages in all.</summary>
    private static (int Polls, int Pages) PollReads(BenchmarkWorld world)
    {
        var reads = world.Vendor.Received.Where(r => r.Field == "orders" && r.Variables["query"]?.GetValue<string>() is { } q && q.Contains("updated_at")).ToList();
        return (reads.Count(r => r.Variables["after"] is null), reads.Count);
    }
}

/// <param name="AckErrors">Webhooks not answered 2xx (their orders are not waited for).</param>
public sealed record WorkerDrain(int Workers, int Orders, int Pushed, double Seconds, double OrdersPerSecond, int DuplicatePushes, int AckErrors);

/// <param name="Pages">Vendor reads (pages of changed orders) in <paramref name="Polls"/> polls.</param>
public sealed record PollCost(int AwaitingTracking, int Polls, int Pages)
{
    public double ReadsPerPoll => Polls > 0 ? (double)Pages / Polls : 0;
}

public sealed record ScalingFigures(IReadOnlyList<WorkerDrain> Drains, IReadOnlyList<PollCost> Polls);
