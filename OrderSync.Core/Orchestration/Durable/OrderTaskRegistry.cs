using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>The order orchestration and its activities on a Durable Task worker (the local shell's durable runtime, tests).</summary>
public static class OrderTaskRegistry
{
    public static DurableTaskRegistry AddOrderTasks(this DurableTaskRegistry registry) => registry
        // Registered with its input type: the untyped overload declares the input an object, so the worker deserializes it
        // to a JsonElement and the orchestrator's GetInput<string>() fails with an InvalidCastException.
        .AddOrchestratorFunc<string>(OrderOrchestrator.Name, (context, _) => OrderOrchestrator.RunAsync(context))
        .AddActivity(OrderActivities.LoadOrder, Activity((a, input) => a.LoadOrderAsync(input, CancellationToken.None)))
        .AddActivity(OrderActivities.ReadSettings, Activity((a, input) => Task.FromResult(a.ReadSettingsOf(input))))
        .AddActivity(OrderActivities.ExecuteCommand, Activity((a, input) => a.ExecuteCommandAsync(input, CancellationToken.None)))
        .AddActivity(OrderActivities.SaveOrder, Activity((a, input) => a.SaveOrderAsync(input, CancellationToken.None)))
        .AddActivity(OrderActivities.SetSignalAside, Activity((a, input) => a.SetSignalAsideAsync(input, CancellationToken.None)));

    private static Func<IServiceProvider, ITaskActivity> Activity<TOutput>(Func<OrderActivities, string, Task<TOutput>> run) =>
        services => new OrderActivity<TOutput>(services.GetRequiredService<OrderActivities>(), run);

    private sealed class OrderActivity<TOutput>(OrderActivities activities, Func<OrderActivities, string, Task<TOutput>> run)
        : TaskActivity<string, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, string input) => run(activities, input);
    }
}
