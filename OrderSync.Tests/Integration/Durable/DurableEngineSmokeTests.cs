using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace OrderSync.Tests.Integration.Durable;

[TestClass]
public sealed class DurableEngineSmokeTests
{
    [TestMethod]
    public async Task An_orchestration_with_an_activity_a_timer_and_an_event_completes_on_the_Azure_Storage_provider_on_Azurite()
    {
        await using var engine = await DurableTestEngine.StartAsync(r => r
            .AddActivityFunc<string, string>("Hello", (_, name) => $"hello {name}")
            .AddOrchestratorFunc<string, string>("Greet", async (ctx, name) =>
            {
                var greeting = await ctx.CallActivityAsync<string>("Hello", name);
                await ctx.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                return greeting + " " + await ctx.WaitForExternalEvent<string>("go");
            }));
        var client = engine.Client;

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Greet", "ada");
        await client.WaitForInstanceStartAsync(id);
        await client.RaiseEventAsync(id, "go", "now");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus, done.FailureDetails?.ToString());
        Assert.AreEqual("\"hello ada now\"", done.SerializedOutput);
    }
}
