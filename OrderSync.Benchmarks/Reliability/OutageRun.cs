using System.Diagnostics;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>
/// A storage outage mid-run: orders arrive open loop while Azurite (keeping its data on disk) is killed and, some seconds
/// later, started again. A webhook not answered 200 is sent again a second later, as Shopify redelivers. While storage is
/// down no webhook may be answered 200 (it cannot have been queued); afterwards every order must reach the vendor, once.
/// The host's messages are seen again 20 s after a failed delivery (OrderSync:Worker:VisibilityTimeout; 5 minutes by default),
/// and a command's claim lapses after 10 s (CommandLease; 2 minutes by default), so the run waits seconds, not minutes.
/// </summary>
public static class OutageRun
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(120);

    public static async Task<OutageFigures> RunAsync(bool quick, int seed, TextWriter log)
    {
        var (orders, rate) = (quick ? 300 : 1000, 50.0);
        var random = new Random(seed);
        var load = TimeSpan.FromSeconds(orders / rate);
        var downAt = load * (0.25 + 0.2 * random.NextDouble());
        var downFor = TimeSpan.FromSeconds(Math.Max(3, load.TotalSeconds * 0.3));
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(StorageOnDisk: true,
            Configure: (_, settings) =>
            {
                settings["OrderSync:Worker:VisibilityTimeout"] = "00:00:20";
                settings["OrderSync:Worker:CommandLease"] = "00:00:10";
            }));
        using var pushes = new PushRecorder(world.Vendor);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var webhooks = Enumerable.Range(0, orders).Select(BenchmarkOrders.Distinct).ToList();
        log.WriteLine($"outage: {orders} orders at {rate}/s; storage down at {downAt.TotalSeconds:F1} s for {downFor.TotalSeconds:F1} s (seed {seed})");

        var start = Stopwatch.GetTimestamp();
        var (stoppedAt, startedAt) = (0L, 0L);
        var outage = Task.Run(async () =>
        {
            await Task.Delay(downAt);
            // Down from when Azurite has exited: stopped as a server is (SIGTERM), it writes its data out and may answer
            // for seconds before it goes, and what it answers then is really queued.
            await world.StopStorageAsync();
            stoppedAt = Stopwatch.GetTimestamp();
            await Task.Delay(downFor);
            await world.StartStorageAsync();
            startedAt = Stopwatch.GetTimestamp();
        });
        var attempts = new System.Collections.Concurrent.ConcurrentBag<Attempt>();
        var acks = await OpenLoop.RunAsync(orders, rate, start, (i, due) => WebhookPoster.SendUntilAcceptedAsync(http, world.Host.BaseUrl, webhooks[i], i, due,
            GiveUp, (sentAt, ack) => attempts.Add(new Attempt(sentAt, ack.AnsweredAt, ack.StatusCode ?? 0))));
        await outage;
        await pushes.WaitForAsync([.. acks.Where(a => a.Succeeded).Select(a => BenchmarkOrders.DistinctOrderId(a.Index))], GiveUp);

        var lastPush = Enumerable.Range(0, orders).Select(i => pushes.TryGetPushedAt(BenchmarkOrders.DistinctOrderId(i), out var at) ? at : 0).Max();
        var down = attempts.Where(a => a.SentAt > stoppedAt && a.AnsweredAt < startedAt).ToList();
        var figures = new OutageFigures(orders, Stopwatch.GetElapsedTime(stoppedAt, startedAt).TotalSeconds, attempts.Count,
            attempts.Count(a => a.Status == 503), attempts.Where(a => a.Status is not (200 or 503)).GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count()),
            down.Count(a => a.Status == 200),
            acks.Count(a => !a.Succeeded),
            acks.Count(a => a.Succeeded && !pushes.TryGetPushedAt(BenchmarkOrders.DistinctOrderId(a.Index), out _)),
            pushes.Duplicates,
            lastPush > startedAt ? Stopwatch.GetElapsedTime(startedAt, lastPush).TotalSeconds : 0);
        log.WriteLine($"outage: {figures}");
        return figures;
    }

    private sealed record Attempt(long SentAt, long AnsweredAt, int Status);
}

/// <param name="Attempts">Webhook deliveries sent, redeliveries included.</param>
/// <param name="Answered503">Deliveries answered 503 (storage unreachable: Shopify redelivers).</param>
/// <param name="OtherAnswers">Deliveries answered neither 200 nor 503, by status (0: no answer at all).</param>
/// <param name="AcceptedWhileDown">Deliveries answered 200 that were sent after Azurite exited and answered before it was back: must be 0.</param>
/// <param name="NeverAccepted">Orders whose webhook was never answered 200 before the run gave up.</param>
/// <param name="Lost">Orders answered 200 and never pushed.</param>
/// <param name="Doubled">Second vendor orders for one order.</param>
/// <param name="RecoverySeconds">From storage being back to the last push.</param>
public sealed record OutageFigures(int Orders, double DownSeconds, int Attempts, int Answered503, IReadOnlyDictionary<int, int> OtherAnswers,
    int AcceptedWhileDown, int NeverAccepted, int Lost, int Doubled, double RecoverySeconds)
{
    public bool Passed => AcceptedWhileDown == 0 && NeverAccepted == 0 && Lost == 0 && Doubled == 0;

    public override string ToString() =>
        $"{Orders} orders, storage down {DownSeconds:F1} s; {Attempts} deliveries, {Answered503} answered 503" +
        $"{(OtherAnswers.Count == 0 ? "" : $", others {string.Join(", ", OtherAnswers.Select(o => $"{o.Key}×{o.Value}"))}")}; " +
        $"200 while down {AcceptedWhileDown}, never accepted {NeverAccepted}, lost {Lost}, doubled {Doubled}; last push {RecoverySeconds:F1} s after storage was back";
}
