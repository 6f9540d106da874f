using OrderSync.Benchmarks;

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

var runs = new List<RunFigures>();
foreach (var runtime in options.Runtimes)
{
    Console.WriteLine($"{runtime}: {options.Orders} orders at {options.Rate}/s, waiting up to {options.PushTimeout.TotalSeconds} s for pushes");
    runs.Add(await BenchmarkRun.RunAsync(runtime, options, Console.Out));
}
foreach (var run in runs) FiguresTable.Print(run, Console.Out);
await BenchmarkReport.WriteAsync(options, runs);
return 0;
