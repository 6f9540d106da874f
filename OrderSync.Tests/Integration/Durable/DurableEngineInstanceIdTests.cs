using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace OrderSync.Tests.Integration.Durable;

/// <summary>
/// What the Azure Storage provider answers a start for an instance id it already has, which start-or-raise relies on
/// across two hosts. Without dedupe statuses it starts a running instance over with the new input; with them, and the
/// engine's ThrowExceptionOnInvalidDedupeStatus, it refuses, where its default would drop the start without a word.
/// </summary>
[TestClass]
public sealed class DurableEngineInstanceIdTests
{
    private static readonly OrchestrationRuntimeStatus[] Live = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending];

    [TestMethod]
    public async Task A_start_for_a_running_instance_id_is_refused_and_the_running_one_keeps_its_input_while_a_finished_one_starts_afresh()
    {
        await using var engine = await DurableTestEngine.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Wait", async (ctx, input) => input + " " + await ctx.WaitForExternalEvent<string>("go")));
        var client = engine.Client;
        await client.ScheduleNewOrchestrationInstanceAsync("Wait", "first", new StartOrchestrationOptions("order-1"));
        await client.WaitForInstanceStartAsync("order-1");

        await Assert.ThrowsExactlyAsync<OrchestrationAlreadyExistsException>(() =>
            client.ScheduleNewOrchestrationInstanceAsync("Wait", "second", new StartOrchestrationOptions("order-1").WithDedupeStatuses(Live)));
        await client.RaiseEventAsync("order-1", "go", "now");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.AreEqual("\"first now\"", (await client.WaitForInstanceCompletionAsync("order-1", getInputsAndOutputs: true, timeout.Token)).SerializedOutput);

        await client.ScheduleNewOrchestrationInstanceAsync("Wait", "third", new StartOrchestrationOptions("order-1").WithDedupeStatuses(Live));
        await client.WaitForInstanceStartAsync("order-1");
        await client.RaiseEventAsync("order-1", "go", "again");
        Assert.AreEqual("\"third again\"", (await client.WaitForInstanceCompletionAsync("order-1", getInputsAndOutputs: true, timeout.Token)).SerializedOutput);
    }
}
