using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>
/// One runtime's run over a whole simple lifecycle: start its world, post the orders open loop and wait for their pushes,
/// then post each vendor order's shipment open loop and wait for it to reach Shopify, PayPal and Stripe; read the figures.
/// </summary>
public static class BenchmarkRun
{
    public static async Task<RunFigures> RunAsync(string runtime, BenchmarkOptions options, TextWriter log)
    {
        await using var merchant = await MerchantSide.StartAsync();
        await using var world = await BenchmarkWorld.StartAsync(runtime, new WorldShape(Configure: merchant.Configure));
        using var pushes = new PushRecorder(world.Vendor);
        var tracking = new TrackingRecorder(merchant);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var reported = await HostProbes.ReportedRuntimeAsync(http, world.Host.BaseUrl);
        log.WriteLine($"{runtime}: host {world.Host.BaseUrl} (pid {world.Host.ProcessId}) reports runtime {reported ?? "(none)"}");

        // Seeded and built before the clock starts, so reading and signing bodies is not part of the load.
        var orders = Enumerable.Range(0, options.Orders).Select(i => merchant.Seed(i)).ToList();
        var placed = orders.Select(o => BenchmarkOrders.Placed(o).ToRequest(world.Host.BaseUrl)).ToList();
        var start = Stopwatch.GetTimestamp();
        var acks = await WebhookPoster.PostAsync(http, placed, options.Rate, start);
        log.WriteLine($"{runtime}: {acks.Count} webhooks answered in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s; waiting for pushes");
        await pushes.WaitForAsync([.. acks.Where(a => a.Succeeded).Select(a => orders[a.Index].OrderId)], options.PushTimeout);

        var pushLatencies = new List<double>();
        var lastPush = start;
        foreach (var ack in acks)
        {
            if (!pushes.TryGetPushedAt(orders[ack.Index].OrderId, out var pushedAt)) continue;
            pushLatencies.Add(Stopwatch.GetElapsedTime(ack.AnsweredAt, pushedAt).TotalMilliseconds);
            lastPush = Math.Max(lastPush, pushedAt);
        }
        var drain = Stopwatch.GetElapsedTime(start, lastPush).TotalSeconds;

        var pushed = orders.Where(o => pushes.VendorOrderOf(o.OrderId) is not null).ToList();
        var (shipAcks, trackingLags) = await ShipAsync(world, pushed, pushes, tracking, http, options);
        log.WriteLine($"{runtime}: {shipAcks.Count} shipments answered; {trackingLags.Count} reported to Shopify, PayPal and Stripe");
        var peakRss = HostProbes.PeakRssMb(world.Host.ProcessId);

        var errors = new RunErrors(
            AckNotSuccess: acks.Concat(shipAcks).Count(a => a.StatusCode is not null && !a.Succeeded),
            AckFailed: acks.Concat(shipAcks).Count(a => a.StatusCode is null),
            NeverPushed: options.Orders - pushLatencies.Count,
            DuplicatePushes: pushes.Duplicates,
            NeverTracked: pushed.Count - trackingLags.Count,
            DoubledReports: tracking.Doubled(orders));
        if (errors.Total > 0)
            log.WriteLine($"{runtime}: {errors.Total} errors; the host's last output:{Environment.NewLine}{Tail(world.Host.Output, 30)}");

        return new RunFigures(runtime, reported, options.Orders, options.Rate,
            LatencyFigures.Of(acks.Where(a => a.StatusCode is not null).Select(a => a.LatencyMs)), LatencyFigures.Of(pushLatencies),
            pushLatencies.Count, drain, drain > 0 ? pushLatencies.Count / drain : 0, LatencyFigures.Of(trackingLags),
            OutboundCalls.Of(world, merchant, trackingLags.Count), errors, peakRss);
    }

    /// <summary>Each pushed order's vendor shipment, open loop at the run's rate; the lag from its answer to the last of its three reports.</summary>
    private static async Task<(IReadOnlyList<Ack> Acks, List<double> Lags)> ShipAsync(BenchmarkWorld world, List<MerchantOrder> pushed,
        PushRecorder pushes, TrackingRecorder tracking, HttpClient http, BenchmarkOptions options)
    {
        var shipments = pushed.Select(o => BenchmarkOrders.Shipped(world.Vendor, pushes.VendorOrderOf(o.OrderId)!, o).ToRequest(world.Host.BaseUrl)).ToList();
        using var stop = new CancellationTokenSource();
        var watching = tracking.WatchAsync(pushed, stop.Token);
        var acks = await WebhookPoster.PostAsync(http, shipments, options.Rate, Stopwatch.GetTimestamp());
        stop.CancelAfter(options.PushTimeout);
        await watching;
        var lags = new List<double>();
        foreach (var ack in acks.Where(a => a.Succeeded))
            if (tracking.TryGetTrackedAt(pushed[ack.Index], out var at))
                lags.Add(Stopwatch.GetElapsedTime(ack.AnsweredAt, at).TotalMilliseconds);
        return (acks, lags);
    }

    private static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split(Environment.NewLine).TakeLast(lines));
}
