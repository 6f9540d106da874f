using System.Text.Json.Nodes;
using OrderSync.Core.Orchestration.Durable;
using static OrderSync.Tests.Functions.GeneratedFunctionMetadata;

namespace OrderSync.Tests.Functions;

/// <summary>
/// What the Functions host will index: the metadata the SDK generated from OrderSync.Functions, function by function, and
/// every app setting a trigger reads checked against what infra/ sets in Azure and local.settings.sample.json sets locally.
/// </summary>
[TestClass]
public sealed class FunctionMetadataTests
{
    private sealed record Http(string Name, string Auth, string Method, string Route);

    private static readonly Http[] HttpFunctions =
    [
        new("Webhook", "Anonymous", "post", "webhooks/{source}/{account?}"),
        new("Health", "Function", "get", "health"),
        new("ListOrders", "Function", "get", "orders"),
        new("GetOrder", "Function", "get", "orders/{shop}/{orderId}"),
        new("RetryOrder", "Function", "post", "orders/{shop}/{orderId}/retry"),
        new("ReevaluateOrder", "Function", "post", "orders/{shop}/{orderId}/reevaluate"),
        new("ListUnmatched", "Function", "get", "unmatched"),
        new("ListPoisoned", "Function", "get", "poisoned"),
        new("RunBackfill", "Function", "post", "backfill"),
    ];

    private static readonly (string Name, string Schedule)[] Timers =
        [("TrackingPoll", "%TrackingPollSchedule%"), ("Backfill", "%BackfillSchedule%"), ("OrderGaugeRefresh", "%OrderGaugeSchedule%")];

    private static readonly string[] Activities = ["LoadOrder", "ReadSettings", "ExecuteCommand", "SaveOrder", "SetSignalAside"];

    [TestMethod]
    public void The_host_indexes_exactly_the_functions_of_the_design()
    {
        string[] expected = [.. HttpFunctions.Select(f => f.Name), .. Timers.Select(t => t.Name), .. Activities, "OrderOrchestrator", "OrderSignals"];

        var indexed = All.Select(f => (string)f["name"]!).ToArray();

        CollectionAssert.AreEquivalent(expected, indexed,
            $"missing: {string.Join(", ", expected.Except(indexed))}; unexpected: {string.Join(", ", indexed.Except(expected))}");
        Assert.IsTrue(All.All(f => (string)f["scriptFile"]! == "OrderSync.Functions.dll" && (string)f["language"]! == "dotnet-isolated"));
    }

    [TestMethod]
    public void Each_HTTP_function_has_its_route_method_and_auth_level_and_only_webhooks_are_anonymous()
    {
        foreach (var expected in HttpFunctions)
        {
            var trigger = TriggerOf(expected.Name, "httpTrigger");
            Assert.AreEqual(expected.Route, (string?)trigger["route"], expected.Name);
            CollectionAssert.AreEqual(new[] { expected.Method }, trigger["methods"]!.AsArray().Select(m => (string)m!).ToArray(), expected.Name);
            Assert.AreEqual(expected.Auth, (string?)trigger["authLevel"], expected.Name);
            CollectionAssert.Contains(BindingTypes(Function(expected.Name)).ToList(), "http", $"{expected.Name} answers over HTTP");
        }
    }

    [TestMethod]
    public void Each_timer_reads_its_schedule_from_an_app_setting()
    {
        foreach (var (name, schedule) in Timers)
            Assert.AreEqual(schedule, (string?)TriggerOf(name, "timerTrigger")["schedule"], name);
    }

    [TestMethod]
    public void The_signal_trigger_takes_one_message_at_a_time_from_a_session_queue_named_by_a_setting_and_has_a_durable_client()
    {
        var trigger = TriggerOf("OrderSignals", "serviceBusTrigger");

        Assert.AreEqual("%OrderSync:ServiceBus:QueueName%", (string?)trigger["queueName"]);
        Assert.AreEqual("ServiceBusConnection", (string?)trigger["connection"]);
        Assert.IsTrue((bool)trigger["isSessionsEnabled"]!, "sessions keep one order's signals in order");
        Assert.AreEqual("One", (string?)trigger["cardinality"]);
        Assert.AreEqual("String", (string?)trigger["dataType"]);
        CollectionAssert.Contains(BindingTypes(Function("OrderSignals")).ToList(), "durableClient");
    }

    [TestMethod]
    public void The_orchestrator_and_its_activities_have_durable_triggers_under_the_names_the_orchestration_calls()
    {
        TriggerOf(OrderOrchestrator.Name, "orchestrationTrigger");
        foreach (var activity in Activities) TriggerOf(activity, "activityTrigger");
        CollectionAssert.AreEquivalent(Activities, new[]
        {
            OrderActivities.LoadOrder, OrderActivities.ReadSettings,
            OrderActivities.ExecuteCommand, OrderActivities.SaveOrder, OrderActivities.SetSignalAside,
        });
    }

    [TestMethod]
    public void Every_setting_a_trigger_reads_is_set_by_infra_in_Azure_and_by_the_local_settings_sample()
    {
        var read = All.Select(Trigger).SelectMany(SettingsOf).Append(HostJsonDurableConnection()).Distinct().ToArray();

        Assert.IsGreaterThanOrEqualTo(6, read.Length, $"settings found: {string.Join(", ", read)}");
        var notInInfra = read.Where(s => !DeployedSettings.Provides(DeployedSettings.Infra, s)).ToArray();
        var notInSample = read.Where(s => !DeployedSettings.Provides(DeployedSettings.LocalSample, s)).ToArray();
        Assert.AreEqual("", string.Join(", ", notInInfra), $"read by a trigger but not set by infra/ (which sets {string.Join(", ", DeployedSettings.Infra.Order())})");
        Assert.AreEqual("", string.Join(", ", notInSample), "read by a trigger but not in local.settings.sample.json");
    }

    private static string HostJsonDurableConnection() =>
        (string)JsonNode.Parse(File.ReadAllText(Support.RepositoryFiles.PathOf("host.json")))!["extensions"]!["durableTask"]!["storageProvider"]!["connectionName"]!;

    private static JsonObject Function(string name) =>
        All.SingleOrDefault(f => (string)f["name"]! == name) ?? throw new AssertFailedException($"no function {name} in functions.metadata");

    private static JsonObject TriggerOf(string name, string type)
    {
        var trigger = Trigger(Function(name));
        Assert.AreEqual(type, (string?)trigger["type"], name);
        return trigger;
    }
}
