using OrderSync.Benchmarks;
using OrderSync.Benchmarks.Reliability;

if (args.FirstOrDefault() == "reliability") return await ReliabilityProgram.RunAsync(args[1..]);

if (CommandLine.Parse(() => BenchmarkOptions.Parse(args), BenchmarkOptions.Usage) is not { } options) return 2;

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

// A missed target is a figure to read; an order lost, doubled or refused is a failure.
var failures = runs.Sum(r => r.Errors.Total) + (scaling?.Drains.Sum(d => d.DuplicatePushes + d.AckErrors + d.Orders - d.AckErrors - d.Pushed) ?? 0);
Console.WriteLine(failures == 0 ? "benchmark: no order lost, doubled or refused" : $"benchmark: FAILED, {failures} order(s) lost, doubled or refused (see above)");
return failures == 0 ? 0 : 1;
