using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orchestration;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Integration.Orchestration.Scenarios.ScenarioStep;
using static OrderSync.Tests.Integration.Orchestration.Scenarios.LifecycleWorld;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>The one list of lifecycle scenarios every runtime runs, with the same expectations.</summary>
public static class LifecycleScenarios
{
    private static readonly Send Create = new("create", key => new OrderPlaced(Mugs(key).Build()));

    public static IEnumerable<TestDataRow<LifecycleScenario>> All =>
        List.Select(scenario => new TestDataRow<LifecycleScenario>(scenario) { DisplayName = scenario.Name });

    private static readonly LifecycleScenario[] List =
    [
        new("a new order is pushed to its vendor",
            [Create],
            new(OrderStatus.Pushed)),

        new("a signal delivered twice is applied once",
            [Create, Create],
            new(OrderStatus.Pushed)),

        new("a signal that comes while the push is in flight is handled after it, and nothing is lost",
            [new VendorFails("create", new HttpVendorFault.StallBeforeEffect(TimeSpan.FromSeconds(3))), Create, new VendorReceives("create"),
             Update("note", minutes: 5, "leave at the door")],
            new(OrderStatus.Pushed, VendorNote: "leave at the door")),

        new("a push the vendor rate-limits is tried again at the decider's wake-up",
            [new VendorFails("create", new HttpVendorFault.RateLimited(RetryAfterSeconds: 1)), Create],
            new(OrderStatus.Pushed, CreateRequests: 2, Failure: "rate limited")),

        new("a command that throws is run again by the runtime's retry, below the decider",
            [new CallBreaks(), Create],
            new(OrderStatus.Pushed)),

        new($"more signals than a generation takes ({OrderOrchestration.SignalsPerGeneration}) are all handled, those around the boundary too",
            [Create, .. Enumerable.Range(1, OrderOrchestration.SignalsPerGeneration + 1).Select(i => Update($"note-{i}", minutes: i, $"note {i}"))],
            new(OrderStatus.Pushed, VendorNote: $"note {OrderOrchestration.SignalsPerGeneration + 1}")),

        new("a signal after the runtime let go of a cancelled order is handled from the saved order",
            [Create, new Settle(), Cancel, new Settle(), new RuntimeLetsGo(), Create, Update("late", minutes: 90, "refunded")],
            new(OrderStatus.Cancelled, VendorCancelled: true)),

        new("a cancellation after the vendor shipped raises attention and cancels nothing",
            [Create, new Settle(), new Send("shipped", _ => new VendorShipped(Vendor, null, ShipmentBuilder.AShipment().Of(VendorSku, 2).Build())),
             new Settle(), Cancel],
            new(OrderStatus.Attention, Attention: $"cancelled after vendor {Vendor} shipped")),
    ];

    private static Send Cancel => new("cancel", key => new OrderCancelled(Mugs(key, minutes: 60).CancelledAt(LifecycleSpec.Start.AddMinutes(60)).Build(), "customer"));

    private static Send Update(string id, int minutes, string note) => new(id, key => new OrderUpdated(Mugs(key, minutes).WithNote(note).Build()));
}
