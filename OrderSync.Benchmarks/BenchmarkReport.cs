using System.Text.Json;

namespace OrderSync.Benchmarks;

/// <summary>All figures of a benchmark as JSON, with what they were measured on.</summary>
public static class BenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(BenchmarkOptions options, IReadOnlyList<RunFigures> runs)
    {
        var report = new
        {
            measuredAt = DateTimeOffset.UtcNow,
            machine = new { processors = Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString() },
            options = new { options.Orders, ratePerSecond = options.Rate, options.Quick, pushTimeoutSeconds = options.PushTimeout.TotalSeconds },
            runs = runs.Select(r => new { runtime = r.Runtime, figures = r }),
        };
        var path = Path.GetFullPath(options.OutPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
        Console.WriteLine();
        Console.WriteLine($"Figures written to {path}");
    }
}
