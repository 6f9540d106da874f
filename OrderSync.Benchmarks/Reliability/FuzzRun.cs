using Microsoft.Extensions.Options;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.Fuzz;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>
/// Webhook fuzz over HTTP: an ingress-only OrderSync.Local gets <see cref="WebhookFuzzer"/>'s deliveries for every source,
/// one at a time. Each must be answered 200, 400, 401 or 413 (never a 5xx); an unverified one 401 or 413, with nothing
/// added to the signal queue (read after every case); a rightly signed one answered 200 is sent again with its header
/// names in another case, and must be answered 200 with nothing more queued (accepted exactly once).
/// </summary>
public static class FuzzRun
{
    private const int MaxBodyBytes = 16 * 1024;
    private const string ShipHeroVendor = "fuzz-shiphero";
    private const string HttpVendor = "fuzz-vendor";
    private static readonly FuzzSecrets Secrets = new("whsec_fuzz", "fuzz-shiphero-secret", "fuzz-vendor-secret");

    public static async Task<FuzzFigures> RunAsync(int casesPerSource, int seed, TextWriter log)
    {
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Worker: false, Configure: (_, settings) =>
        {
            settings["OrderSync:Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["OrderSync:Stripe:WebhookSecrets:0"] = Secrets.Stripe;
            settings["OrderSync:PayPal:WebhookId"] = "FUZZWEBHOOK1";
            settings["OrderSync:PayPal:ClientId"] = "fuzz-client";
            settings["OrderSync:PayPal:ClientSecret"] = "fuzz-secret";
            settings["OrderSync:Vendors:1:Id"] = ShipHeroVendor;
            settings["OrderSync:Vendors:1:Kind"] = "ShipHero";
            settings["OrderSync:Vendors:1:WebhookSecrets:0"] = Secrets.ShipHero;
            settings["OrderSync:Vendors:2:Id"] = HttpVendor;
            settings["OrderSync:Vendors:2:Kind"] = "HttpVendor";
            settings["OrderSync:Vendors:2:WebhookSecrets:0"] = Secrets.HttpVendor;
        }));
        var queue = new StorageQueueSignalQueue(Options.Create(new StorageOptions { ConnectionString = world.ConnectionString }));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var random = new Random(seed);
        var sources = new List<SourceFuzz>();
        foreach (var source in WebhookFuzzer.Sources)
        {
            var fuzzer = new WebhookFuzzer(source, Secrets, Samples(source), MaxBodyBytes);
            var url = new Uri(world.Host.BaseUrl, $"api/webhooks/{source}{Account(source)}");
            sources.Add(await FuzzAsync(source, fuzzer, url, casesPerSource, random, http, queue, seed));
            log.WriteLine($"fuzz: {sources[^1]}");
        }
        return new FuzzFigures(seed, sources);
    }

    private static async Task<SourceFuzz> FuzzAsync(string source, WebhookFuzzer fuzzer, Uri url, int cases, Random random, HttpClient http,
        StorageQueueSignalQueue queue, int seed)
    {
        var answered = new SortedDictionary<int, int>();
        var wrong = new List<string>();
        var (queued, redelivered) = (await queue.ProbeAsync(CancellationToken.None), 0);
        for (var i = 0; i < cases; i++)
        {
            var delivery = fuzzer.Next(random);
            var status = await PostAsync(http, url, delivery);
            answered[status] = answered.GetValueOrDefault(status) + 1;
            var now = await queue.ProbeAsync(CancellationToken.None);
            if (status is not (200 or 400 or 401 or 413)) wrong.Add($"case {i}: answered {status}");
            if (!delivery.SignedRight && status is not (401 or 413)) wrong.Add($"case {i}: unverified, answered {status}");
            if (!delivery.SignedRight && now != queued) wrong.Add($"case {i}: unverified, and {now - queued} signal(s) queued");
            if (delivery.SignedRight && status == 200)
            {
                var again = await PostAsync(http, url, WebhookFuzzer.WithHeaderNamesRecased(delivery, random));
                var after = await queue.ProbeAsync(CancellationToken.None);
                if (again != 200 || after != now) wrong.Add($"case {i}: sent again with recased headers, answered {again}, {after - now} more queued");
                (now, redelivered) = (after, redelivered + 1);
            }
            queued = now;
        }
        return new SourceFuzz(source, cases, answered, redelivered, [.. wrong.Take(20).Select(w => $"seed {seed}, {source} {w}")], wrong.Count);
    }

    private static async Task<int> PostAsync(HttpClient http, Uri url, FuzzedDelivery delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new("application/json");
        if (delivery.DeclaredLength is null) request.Headers.TransferEncodingChunked = true;
        foreach (var (name, value) in delivery.Headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0; // the connection failed or was reset: never an acceptable answer
        }
    }

    private static string Account(string source) => source switch
    {
        "shiphero" => "/" + ShipHeroVendor,
        "vendors" => "/" + HttpVendor,
        _ => "",
    };

    private static byte[][] Samples(string source) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", source), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
}

/// <param name="Redelivered">Rightly signed deliveries answered 200 and sent again with recased header names.</param>
/// <param name="Wrong">The first wrong answers (status, or what was queued), each with the seed and case that replay it.</param>
public sealed record SourceFuzz(string Source, int Cases, IReadOnlyDictionary<int, int> Answered, int Redelivered, IReadOnlyList<string> Wrong, int WrongCount)
{
    public override string ToString() =>
        $"{Source}: {Cases} deliveries, answers {string.Join(", ", Answered.Select(a => $"{a.Key}×{a.Value}"))}; {Redelivered} sent again; {WrongCount} wrong";
}

public sealed record FuzzFigures(int Seed, IReadOnlyList<SourceFuzz> Sources)
{
    public int WrongCount => Sources.Sum(s => s.WrongCount);
}
