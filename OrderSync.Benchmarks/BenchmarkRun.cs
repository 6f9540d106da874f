using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>One runtime's run: start its world, post the orders open loop, wait for their pushes, read the figures.</summary>
public static class BenchmarkRun
{
    public static async Task<RunFigures> RunAsync(string runtime, BenchmarkOptions options, TextWriter log)
    {
        await using var world = await BenchmarkWorld.StartAsync(runtime);
        using var pushes = new PushRecorder(world.Vendor);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var reported = await HostProbes.ReportedRuntimeAsync(http, world.Host.BaseUrl);
        log.WriteLine($"{runtime}: host {world.Host.BaseUrl} (pid {world.Host.ProcessId}) reports runtime {reported ?? "(none)"}");

        // Built before the clock starts, so reading and signing bodies is not part of the load.
        var requests = Enumerable.Range(0, options.Orders).Select(i => BenchmarkOrders.Webhook(i).ToRequest(world.Host.BaseUrl)).ToList();
        var start = Stopwatch.GetTimestamp();
        var acks = await WebhookPoster.PostAsync(http, requests, options.Rate, start);
        log.WriteLine($"{runtime}: {acks.Count} webhooks answered in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s; waiting for pushes");
        await pushes.WaitForAsync([.. acks.Where(a => a.Succeeded).Select(a => BenchmarkOrders.OrderId(a.Index))], options.PushTimeout);
        var peakRss = HostProbes.PeakRssMb(world.Host.ProcessId);

        var pushLatencies = new List<double>();
        var lastPush = start;
        foreach (var ack in acks)
        {
            if (!pushes.TryGetPushedAt(BenchmarkOrders.OrderId(ack.Index), out var pushedAt)) continue;
            pushLatencies.Add(Stopwatch.GetElapsedTime(ack.AnsweredAt, pushedAt).TotalMilliseconds);
            lastPush = Math.Max(lastPush, pushedAt);
        }
        var drain = Stopwatch.GetElapsedTime(start, lastPush).TotalSeconds;
        var errors = new RunErrors(
            AckNotSuccess: acks.Count(a => a.StatusCode is not null && !a.Succeeded),
            AckFailed: acks.Count(a => a.StatusCode is null),
            NeverPushed: options.Orders - pushLatencies.Count,
            DuplicatePushes: pushes.Duplicates);
        if (errors.Total > 0)
            log.WriteLine($"{runtime}: {errors.Total} errors; the host's last output:{Environment.NewLine}{Tail(world.Host.Output, 30)}");

        return new RunFigures(runtime, reported, options.Orders, options.Rate,
            LatencyFigures.Of(acks.Where(a => a.StatusCode is not null).Select(a => a.LatencyMs)), LatencyFigures.Of(pushLatencies),
            pushLatencies.Count, drain, drain > 0 ? pushLatencies.Count / drain : 0, errors, peakRss);
    }

    private static string Tail(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split(Environment.NewLine).TakeLast(lines));
}
