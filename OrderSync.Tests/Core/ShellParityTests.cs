using System.Text.RegularExpressions;
using OrderSync.Tests.Functions;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core;

/// <summary>
/// Every route, timer and the signal pipeline of the local shell has its Azure Functions counterpart, and the other way
/// round. The Functions routes come from the metadata the Functions SDK generated; the rest of both shells is read as source.
/// </summary>
[TestClass]
public sealed partial class ShellParityTests
{
    [TestMethod]
    public void Every_route_of_the_local_shell_is_an_HTTP_function_and_every_HTTP_function_a_local_route()
    {
        var local = LocalRoutes();
        var functions = FunctionRoutes();

        Assert.IsNotEmpty(local, "no route found in OrderSync.Local: the parser no longer matches the source");
        CollectionAssert.AreEquivalent(local.ToList(), functions.ToList(),
            $"local only: {string.Join(", ", local.Except(functions))}; Functions only: {string.Join(", ", functions.Except(local))}");
    }

    [TestMethod]
    public void Every_hosted_timer_of_the_local_shell_is_a_timer_function_over_the_same_Core_service_and_back()
    {
        var local = LocalTimerJobs();
        var functions = FunctionTimerJobs();

        Assert.IsNotEmpty(local, "no hosted timer found in OrderSync.Local: the parser no longer matches the source");
        CollectionAssert.AreEquivalent(local.ToList(), functions.ToList(),
            $"local only: {string.Join(", ", local.Except(functions))}; Functions only: {string.Join(", ", functions.Except(local))}");
    }

    [TestMethod]
    public void The_local_queue_worker_has_its_counterpart_in_a_Service_Bus_session_trigger_an_orchestrator_and_a_command_activity()
    {
        var program = File.ReadAllText(RepositoryFiles.PathOf("OrderSync.Local", "Program.cs"));
        Assert.Contains("AddHostedService<SignalQueueWorker>", program);
        var functions = FunctionSources();

        Assert.IsTrue(functions.Any(f => SessionTrigger().IsMatch(f)), "a [ServiceBusTrigger(..., IsSessionsEnabled = true)] function");
        Assert.IsTrue(functions.Any(f => f.Contains("[OrchestrationTrigger]") && f.Contains("OrderOrchestrator.RunAsync")), "an orchestrator over Core's OrderOrchestrator");
        Assert.IsTrue(functions.Any(f => f.Contains("[ActivityTrigger]") && f.Contains("activities.ExecuteCommandAsync")), "an activity that runs commands through Core's OrderActivities");
    }

    private static HashSet<string> LocalRoutes() =>
        [.. Directory.EnumerateFiles(RepositoryFiles.PathOf("OrderSync.Local", "Endpoints"), "*.cs")
            .SelectMany(file => LocalRoute().Matches(File.ReadAllText(file)))
            .Select(m => Route(m.Groups["method"].Value, m.Groups["route"].Value["/api/".Length..]))];

    private static HashSet<string> FunctionRoutes() =>
        [.. GeneratedFunctionMetadata.All.Select(GeneratedFunctionMetadata.Trigger).Where(t => (string)t["type"]! == "httpTrigger")
            .SelectMany(t => t["methods"]!.AsArray().Select(method => Route((string)method!, (string)t["route"]!)))];

    /// <summary>Each hosted service other than the queue worker, named by the Core services its constructor takes.</summary>
    private static HashSet<string> LocalTimerJobs()
    {
        var program = File.ReadAllText(RepositoryFiles.PathOf("OrderSync.Local", "Program.cs"));
        var workers = HostedService().Matches(program).Select(m => m.Groups["type"].Value).Where(w => w != "SignalQueueWorker");
        var sources = LocalSources();
        return [.. workers.Select(worker =>
        {
            var source = sources.SingleOrDefault(s => s.Contains($"class {worker}("))
                ?? throw new AssertFailedException($"no primary-constructor class {worker} in OrderSync.Local");
            return string.Join("+", CoreServices(PrimaryConstructor(source, worker)).Values.Order());
        })];
    }

    /// <summary>Each timer function, named by the Core services of its class that its own body uses.</summary>
    private static HashSet<string> FunctionTimerJobs() =>
        [.. FunctionSources().Where(source => source.Contains("[TimerTrigger(")).SelectMany(source =>
        {
            var className = FunctionClass().Match(source).Groups["name"].Value;
            var services = CoreServices(PrimaryConstructor(source, className));
            return FunctionBlocks(source).Where(block => block.Contains("[TimerTrigger("))
                .Select(block => string.Join("+", services.Where(s => Regex.IsMatch(block, $@"\b{s.Key}\.")).Select(s => s.Value).Order()));
        })];

    /// <summary>Parameter name → type, for the types that are Core services (not options, clocks or loggers).</summary>
    private static Dictionary<string, string> CoreServices(string parameters) =>
        Parameter().Matches(parameters)
            .Where(m => !Regex.IsMatch(m.Groups["type"].Value, @"^(IOptions<|ILogger|TimeProvider)"))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value);

    private static string PrimaryConstructor(string source, string className)
    {
        var start = source.IndexOf($"class {className}(", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"class {className} has no primary constructor");
        var open = source.IndexOf('(', start);
        return source[(open + 1)..source.IndexOf(')', open)];
    }

    private static IEnumerable<string> FunctionBlocks(string source) =>
        source.Split("[Function(").Skip(1);

    private static List<string> FunctionSources() => Sources("OrderSync.Functions");

    private static List<string> LocalSources() => Sources("OrderSync.Local");

    private static List<string> Sources(string project) =>
        [.. Directory.EnumerateFiles(RepositoryFiles.PathOf(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText)];

    private static string Route(string method, string route) => $"{method.ToUpperInvariant()} {route}";

    [GeneratedRegex("""Map(?<method>Get|Post|Put|Patch|Delete)\(\s*"(?<route>/api/[^"]+)"\s*,""")]
    private static partial Regex LocalRoute();

    [GeneratedRegex("""AddHostedService<(?<type>\w+)>""")]
    private static partial Regex HostedService();

    [GeneratedRegex("""\[ServiceBusTrigger\([^\]]*IsSessionsEnabled\s*=\s*true[^\]]*\)\]""")]
    private static partial Regex SessionTrigger();

    [GeneratedRegex("""class (?<name>\w+)\(""")]
    private static partial Regex FunctionClass();

    [GeneratedRegex("""(?<type>[\w.<>?]+)\s+(?<name>\w+)\s*(?:,|$)""")]
    private static partial Regex Parameter();
}
