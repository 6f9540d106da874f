using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Serialization;

namespace OrderSync.Functions.Orchestration;

/// <summary>An order's durable orchestration: Core's OrderOrchestration loop, on the durable runtime.</summary>
public static class OrderOrchestrator
{
    [Function(nameof(OrderOrchestrator))]
    public static Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        OrderOrchestration.RunAsync(new DurableOrderRuntime(context), OrderSyncJson.Deserialize<OrderRun>(context.GetInput<string>()!));
}
