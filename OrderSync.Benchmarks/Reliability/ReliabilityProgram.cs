using System.Text.Json;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>
/// The reliability suite (scripts/reliability.sh): chaos, a storage outage and webhook fuzz over HTTP, seeded and bounded. Prints
/// the figures, writes them as JSON, and exits 1 when anything was answered wrongly, lost or doubled.
/// </summary>
public static class ReliabilityProgram
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (CommandLine.Parse(() => ReliabilityOptions.Parse(args), ReliabilityOptions.Usage) is not { } options) return 2;

        Console.WriteLine($"reliability: seed {options.Seed} (--seed {options.Seed} replays it){(options.Quick ? ", quick" : "")}");
        var chaos = options.Chaos ? await ChaosRun.RunAsync(options.Quick, options.Seed, Console.Out) : null;
        var fuzz = options.Fuzz ? await FuzzRun.RunAsync(options.FuzzCasesPerSource, options.Seed, Console.Out) : null;
        var outage = options.Outage ? await OutageRun.RunAsync(options.Quick, options.Seed, Console.Out) : null;

        Console.WriteLine();
        if (chaos is not null)
        {
            Console.WriteLine($"Chaos (seed {chaos.Seed}): two workers, one killed with SIGKILL at random; every platform failing at random");
            Console.WriteLine($"  {chaos}");
        }
        if (fuzz is not null)
        {
            Console.WriteLine($"Webhook fuzz over HTTP (seed {fuzz.Seed}): {fuzz.Sources.Sum(s => s.Cases)} deliveries, {fuzz.WrongCount} answered or queued wrongly");
            foreach (var source in fuzz.Sources) Console.WriteLine($"  {source}");
            foreach (var wrong in fuzz.Sources.SelectMany(s => s.Wrong)) Console.WriteLine($"  WRONG {wrong}");
        }
        if (outage is not null)
        {
            Console.WriteLine("Storage outage");
            Console.WriteLine($"  {outage}");
        }
        var path = Path.GetFullPath(options.OutPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { measuredAt = DateTimeOffset.UtcNow, options.Seed, options.Quick, chaos, outage, fuzz }, Json));
        Console.WriteLine($"Figures written to {path}");

        var passed = (fuzz?.WrongCount ?? 0) == 0 && (outage?.Passed ?? true) && (chaos?.Passed ?? true);
        Console.WriteLine(passed ? "reliability: passed" : "reliability: FAILED");
        return passed ? 0 : 1;
    }
}
