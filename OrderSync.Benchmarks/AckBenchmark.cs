using System.Diagnostics;
using Azure.Storage.Queues;
using OrderSync.Core.Storage;

namespace OrderSync.Benchmarks;

/// <summary>
/// The ack path: distinct, correctly signed Shopify orders posted to an ingress-only OrderSync.Local
/// (<c>OrderSync:Worker:Enabled=false</c>, so the figures are the webhook route's and no worker shares the cores or
/// Azurite) at stepped open-loop rates and at saturation, each step followed by the same load on the bare storage work
/// (<see cref="StorageCeiling"/>) on the same Azurite, as its data grows.
/// </summary>
public static class AckBenchmark
{
    public static readonly double[] Rates = [50, 100, 200, 400];
    public static readonly int[] Concurrencies = [16, 64];

    /// <summary>How many webhooks a load may send: <paramref name="operations"/>, each started by <c>operation(index, due)</c>.</summary>
    private delegate Task<IReadOnlyList<Ack>> Load(int operations, Func<int, long, Task<Ack>> operation);

    public static async Task<AckFigures> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Worker: false));
        var storage = new StorageOptions { ConnectionString = world.ConnectionString };
        var signals = StorageClients.Queue(storage, storage.SignalQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var duration = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
        var nextOrder = 100_000;
        StorageCeiling? ceiling = null;

        async Task<AckStepFigures> StepAsync(string name, int operations, Load load)
        {
            // Built before the clock starts, so building and signing bodies is not part of the load.
            var requests = Enumerable.Range(nextOrder, operations).Select(i => BenchmarkOrders.Distinct(i).ToRequest(world.Host.BaseUrl)).ToList();
            nextOrder += operations;
            using var stop = new CancellationTokenSource();
            var message = ceiling is null ? SignalMessageAsync(signals, stop.Token) : null;
            var host = LoadFigures.Of(await load(operations, (i, due) => WebhookPoster.SendAsync(http, requests[i], i, due)));
            await stop.CancelAsync();
            ceiling ??= await StorageCeiling.CreateAsync(storage, await message!);
            var bare = LoadFigures.Of(await load(operations, ceiling.RunAsync));
            log.WriteLine($"ack {name}: OrderSync {host.SucceededPerSecond:F0}/s p99 {host.Latency.P99Ms:F1} ms ({host.Errors} errors), " +
                          $"ceiling {bare.SucceededPerSecond:F0}/s p99 {bare.Latency.P99Ms:F1} ms ({bare.Errors} errors)");
            return new AckStepFigures(name, host, bare);
        }

        Task<AckStepFigures> OpenAsync(double rate, string? note = null) =>
            StepAsync($"open {rate:0}/s{note}", (int)(rate * duration.TotalSeconds), (n, operation) => OpenLoop.RunAsync(n, rate, Stopwatch.GetTimestamp(), operation));
        // At most 1,000 webhooks a second per step: more than either side has reached on this machine.
        Task<AckStepFigures> ClosedAsync(int concurrency) =>
            StepAsync($"closed {concurrency}", (int)(1000 * duration.TotalSeconds), (n, operation) => ClosedLoop.RunAsync(concurrency, duration, n, operation));

        // Not counted: the host's and the SDKs' first calls (JIT, connection pools) would be the 50/s step's p99.
        await StepAsync("warm-up", (int)(100 * duration.TotalSeconds), (n, operation) => OpenLoop.RunAsync(n, 100, Stopwatch.GetTimestamp(), operation));
        var steps = new List<AckStepFigures>();
        foreach (var rate in Rates) steps.Add(await OpenAsync(rate));
        foreach (var concurrency in Concurrencies) steps.Add(await ClosedAsync(concurrency));
        var saturation = steps.Where(s => s.Load.StartsWith("closed", StringComparison.Ordinal)).MaxBy(s => s.OrderSync.SucceededPerSecond)!;
        var halfCeiling = await OpenAsync(Math.Max(1, Math.Round(saturation.Ceiling.SucceededPerSecond / 2)), " (half the ceiling)");
        steps.Add(halfCeiling);
        return new AckFigures(steps, saturation, halfCeiling);
    }

    /// <summary>A signal message as the host queues it, caught while a load runs, so the ceiling enqueues as many bytes per webhook.</summary>
    private static async Task<string> SignalMessageAsync(QueueClient signals, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                if ((await signals.PeekMessageAsync(stop)).Value is { } message) return message.Body.ToString();
                await Task.Delay(20, stop);
            }
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException("no signal message was seen on the host's queue during the first load");
        }
    }
}
