using System.Globalization;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>What one reliability run does, from its command line.</summary>
public sealed record ReliabilityOptions(bool Quick, int Seed, int FuzzCasesPerSource, string OutPath, bool Fuzz = true, bool Outage = true, bool Chaos = true)
{
    public const string Usage = "usage: OrderSync.Benchmarks reliability [--suite chaos|outage|fuzz|all] [--quick] [--seed N] [--fuzz-cases N] [--out PATH]";

    /// <exception cref="ArgumentException">An unknown or malformed argument; its message says which.</exception>
    public static ReliabilityOptions Parse(IReadOnlyList<string> args)
    {
        string suite = "all", outPath = Path.Combine("TestResults", "reliability.json");
        int? seed = null, cases = null;
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--suite": suite = Value().ToLowerInvariant(); break;
                case "--quick": quick = true; break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--fuzz-cases": cases = int.Parse(Value(), CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException("--fuzz-cases must be positive"); break;
                case "--out": outPath = Value(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (suite is not ("chaos" or "outage" or "fuzz" or "all")) throw new ArgumentException($"--suite must be chaos, outage, fuzz or all, not {suite}");
        return new ReliabilityOptions(quick, seed ?? Environment.TickCount, cases ?? (quick ? 1_000 : 10_000), outPath,
            Fuzz: suite is "fuzz" or "all", Outage: suite is "outage" or "all", Chaos: suite is "chaos" or "all");
    }
}
