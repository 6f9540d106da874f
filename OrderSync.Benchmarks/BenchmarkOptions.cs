using System.Globalization;

namespace OrderSync.Benchmarks;

/// <summary>What one benchmark run does, from its command line.</summary>
/// <param name="Ack">Whether the ack path is measured (<see cref="AckBenchmark"/>).</param>
/// <param name="Push">Whether the end-to-end lifecycle is measured, per runtime (<see cref="BenchmarkRun"/>).</param>
/// <param name="Budget">Whether the use of a Shopify store's rate limit is measured (<see cref="BudgetRun"/>).</param>
/// <param name="Scale">Whether drain by worker count and tracking-poll reads by backlog are measured (<see cref="ScalingRun"/>).</param>
public sealed record BenchmarkOptions(IReadOnlyList<string> Runtimes, int Orders, double Rate, bool Quick, TimeSpan PushTimeout, string OutPath,
    bool Ack = true, bool Push = true, bool Budget = true, bool Scale = true)
{
    public static readonly string[] KnownRuntimes = ["Outbox", "Durable"];

    public const string Usage =
        "usage: OrderSync.Benchmarks [--suite ack|push|budget|scale|all] [--runtime Outbox|Durable|both] [--orders N] [--rate R] [--quick] [--push-timeout SECONDS] [--out PATH]";

    /// <exception cref="ArgumentException">An unknown or malformed argument; its message says which.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string runtime = "both", suite = "all", outPath = Path.Combine("TestResults", "benchmark.json");
        int? orders = null;
        double rate = 100, pushTimeout = double.NaN;
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--suite": suite = Value().ToLowerInvariant(); break;
                case "--runtime": runtime = Value(); break;
                case "--orders": orders = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--orders"); break;
                case "--rate": rate = Positive(double.Parse(Value(), CultureInfo.InvariantCulture), "--rate"); break;
                case "--push-timeout": pushTimeout = Positive(double.Parse(Value(), CultureInfo.InvariantCulture), "--push-timeout"); break;
                case "--out": outPath = Value(); break;
                case "--quick": quick = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var runtimes = runtime.Equals("both", StringComparison.OrdinalIgnoreCase)
            ? KnownRuntimes
            : [KnownRuntimes.FirstOrDefault(r => r.Equals(runtime, StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"--runtime must be Outbox, Durable or both, not {runtime}")];
        // --quick keeps a runtime's whole run (host start, posting, drain) within two minutes.
        var wait = TimeSpan.FromSeconds(double.IsNaN(pushTimeout) ? (quick ? 30 : 120) : pushTimeout);
        if (suite is not ("ack" or "push" or "budget" or "scale" or "all"))
            throw new ArgumentException($"--suite must be ack, push, budget, scale or all, not {suite}");
        return new BenchmarkOptions(runtimes, orders ?? (quick ? 200 : 1000), rate, quick, wait, outPath,
            Ack: suite is "ack" or "all", Push: suite is "push" or "all", Budget: suite is "budget" or "all", Scale: suite is "scale" or "all");
    }

    private static T Positive<T>(T value, string name) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive");
}
