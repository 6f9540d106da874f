using Microsoft.DurableTask;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>An order's durable orchestration: Core's <see cref="OrderOrchestration"/> loop on the durable runtime.</summary>
public static class OrderOrchestrator
{
    public const string Name = nameof(OrderOrchestrator);

    public static Task RunAsync(TaskOrchestrationContext context) =>
        OrderOrchestration.RunAsync(new DurableOrderRuntime(context), OrderSyncJson.Deserialize<OrderRun>(context.GetInput<string>()!));
}
