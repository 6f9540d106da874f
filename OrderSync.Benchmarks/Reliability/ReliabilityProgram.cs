using System.Text.Json;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>
/// The reliability suite (scripts/reliability.sh): webhook fuzz over HTTP and a storage outage, seeded and bounded. Prints
/// the figures, writes them as JSON, and exits 1 when anything was answered wrongly, lost or doubled.
/// </summary>
public static class ReliabilityProgram
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ReliabilityOptions options;
        try
        {
            options = ReliabilityOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ReliabilityOptions.Usage);
            return 2;
        }

        Console.WriteLine($"reliability: seed {options.Seed} (--seed {options.Seed} replays it){(options.Quick ? ", quick" : "")}");
        var fuzz = options.Fuzz ? await FuzzRun.RunAsync(options.FuzzCasesPerSource, options.Seed, Console.Out) : null;
        var outage = options.Outage ? await OutageRun.RunAsync(options.Quick, options.Seed, Console.Out) : null;

        Console.WriteLine();
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
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { measuredAt = DateTimeOffset.UtcNow, options.Seed, options.Quick, fuzz, outage }, Json));
        Console.WriteLine($"Figures written to {path}");

        var passed = (fuzz?.WrongCount ?? 0) == 0 && (outage?.Passed ?? true);
        Console.WriteLine(passed ? "reliability: passed" : "reliability: FAILED");
        return passed ? 0 : 1;
    }
}
