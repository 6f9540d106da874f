using System.Text.Json;

namespace OrderSync.Benchmarks;

/// <summary>All figures of a benchmark as JSON, with what they were measured on.</summary>
public static class BenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(BenchmarkOptions options, AckFigures? ack, IReadOnlyList<RunFigures> runs, BudgetFigures? budget, ScalingFigures? scaling)
    {
        var report = new
        {
            measuredAt = DateTimeOffset.UtcNow,
            machine = new { processors = Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString() },
            options = new { options.Orders, ratePerSecond = options.Rate, options.Quick, pushTimeoutSeconds = options.PushTimeout.TotalSeconds },
            ack = ack is null ? null : new
            {
                steps = ack.Steps.Select(s => new { s.Load, s.OrderSync, s.Ceiling, s.Ratio }),
                saturation = new { ack.Saturation.Load, ack.Saturation.Ratio, target = AckFigures.RatioTarget, met = ack.RatioMet },
                halfCeiling = new
                {
                    ack.HalfCeiling.Load, p99Ms = ack.HalfCeiling.OrderSync.Latency.P99Ms, targetMs = AckFigures.HalfCeilingP99TargetMs, met = ack.HalfCeilingP99Met,
                },
            },
            runs = runs.Select(r => new { runtime = r.Runtime, figures = r }),
            budget = budget is null ? null : new { figures = budget, budget.Used, targetUsed = BudgetRun.UsedTarget, budget.Met },
            scaling = scaling is null ? null : new { drains = scaling.Drains, polls = scaling.Polls.Select(p => new { p.AwaitingTracking, p.Polls, p.Pages, p.ReadsPerPoll }) },
        };
        var path = Path.GetFullPath(options.OutPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
        Console.WriteLine();
        Console.WriteLine($"Figures written to {path}");
    }
}
