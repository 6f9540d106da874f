using OrderSync.Benchmarks;
using OrderSync.Benchmarks.Reliability;

if (args.FirstOrDefault() == "reliability") return await ReliabilityProgram.RunAsync(args[1..]);

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

AckFigures? ack = null;
if (options.Ack)
{
    Console.WriteLine($"ack path: stepped open-loop rates {string.Join(", ", AckBenchmark.Rates)}/s and saturation with {string.Join(" and ", AckBenchmark.Concurrencies)} callers, each beside the bare storage ceiling");
    ack = await AckBenchmark.RunAsync(options, Console.Out);
}
var runs = new List<RunFigures>();
foreach (var runtime in options.Push ? options.Runtimes : [])
{
    Console.WriteLine($"{runtime}: {options.Orders} orders at {options.Rate}/s, waiting up to {options.PushTimeout.TotalSeconds} s for pushes");
    runs.Add(await BenchmarkRun.RunAsync(runtime, options, Console.Out));
}
BudgetFigures? budget = null;
if (options.Budget) budget = await BudgetRun.RunAsync(options, Console.Out);
ScalingFigures? scaling = null;
if (options.Scale) scaling = await ScalingRun.RunAsync(options, Console.Out);
if (ack is not null) AckTable.Print(ack, Console.Out);
foreach (var run in runs) FiguresTable.Print(run, Console.Out);
if (budget is not null) BudgetTable.Print(budget, Console.Out);
if (scaling is not null) ScalingTable.Print(scaling, Console.Out);
await BenchmarkReport.WriteAsync(options, ack, runs, budget, scaling);
return 0;
