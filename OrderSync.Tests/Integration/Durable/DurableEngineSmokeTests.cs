using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Local.Durable;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Durable;

[TestClass]
public sealed class DurableEngineSmokeTests
{
    [TestMethod]
    public async Task An_orchestration_with_an_activity_a_timer_and_an_event_completes_on_the_Azure_Storage_provider_on_Azurite()
    {
        var options = new DurableEngineOptions { ConnectionString = await TestAzurite.ConnectionStringAsync(), TaskHub = "Smoke" + Guid.NewGuid().ToString("N")[..8] };
        await using var engine = await DurableEngine.StartAsync(DurableEngine.AzureStorage(options, NullLoggerFactory.Instance), NullLoggerFactory.Instance, CancellationToken.None);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDurableTaskWorker(w => w.UseGrpc(engine.Channel).AddTasks(r => r
            .AddActivityFunc<string, string>("Hello", (_, name) => $"hello {name}")
            .AddOrchestratorFunc<string, string>("Greet", async (ctx, name) =>
            {
                var greeting = await ctx.CallActivityAsync<string>("Hello", name);
                await ctx.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
                return greeting + " " + await ctx.WaitForExternalEvent<string>("go");
            })));
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(engine.Channel));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Greet", "ada");
        await client.WaitForInstanceStartAsync(id);
        await client.RaiseEventAsync(id, "go", "now");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus, done.FailureDetails?.ToString());
        Assert.AreEqual("\"hello ada now\"", done.SerializedOutput);
        await host.StopAsync();
    }
}
