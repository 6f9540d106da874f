using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;

namespace OrderSync.Tests.Core;

/// <summary>What the Azure shell hands between trigger, orchestrator and activities survives its trip as OrderSync JSON.</summary>
[TestClass]
public sealed class OrchestrationMessagesTests
{
    [TestMethod]
    public void An_orchestration_input_with_its_first_signal_reads_back_as_written()
    {
        var run = new OrderRun(Key, new SignalEnvelope("event-1", Key, Placed(MugAndTee()),
            new SignalOrigin("shopify", "orders/create", "event-1", LifecycleSpec.Start, LifecycleSpec.Start)));

        var back = OrderSyncJson.Deserialize<OrderRun>(OrderSyncJson.Serialize(run));

        Assert.AreEqual(OrderSyncJson.Serialize(run), OrderSyncJson.Serialize(back));
        Assert.IsInstanceOfType<OrderPlaced>(back.First!.Signal);
    }

    [TestMethod]
    public void Commands_outcomes_and_settings_read_back_as_their_own_types()
    {
        var settings = TwoVendors().Build() with { OnPaymentReversal = PaymentReversalAction.CancelAtVendor };
        Command command = new CancelVendorOrder("cancel:1", Key, VendorA, "vendor-a-order-1", "customer asked");
        Signal outcome = Transient("cancel:1", TimeSpan.FromSeconds(30));

        Assert.AreEqual(command, OrderSyncJson.Deserialize<Command>(OrderSyncJson.Serialize(command)));
        Assert.AreEqual(outcome, OrderSyncJson.Deserialize<Signal>(OrderSyncJson.Serialize(outcome)));
        var settingsBack = OrderSyncJson.Deserialize<SyncSettings>(OrderSyncJson.Serialize(settings));
        Assert.AreEqual(OrderSyncJson.Serialize(settings), OrderSyncJson.Serialize(settingsBack));
        CollectionAssert.AreEqual(settings.ProductMappings.ToArray(), settingsBack.ProductMappings.ToArray());
    }
}
