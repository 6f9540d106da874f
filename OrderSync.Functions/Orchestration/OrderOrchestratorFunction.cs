using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OrderSync.Core.Orchestration.Durable;

namespace OrderSync.Functions.Orchestration;

/// <summary>The order orchestration as a Durable Functions orchestrator.</summary>
public static class OrderOrchestratorFunction
{
    [Function(OrderOrchestrator.Name)]
    public static Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => OrderOrchestrator.RunAsync(context);
}
