using OrderSync.Core.Lifecycle;
using OrderSync.Core.Telemetry;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Telemetry;

/// <summary>What a decision changed, as the metrics count it: tracking first reported to a target, attention raised.</summary>
[TestClass]
public sealed class DecisionTelemetryTests
{
    [TestMethod]
    public void A_tracking_report_that_succeeds_records_the_lag_from_the_shipment_to_now_by_target()
    {
        using var telemetry = new TelemetryRecorder();
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA)).At(LifecycleSpec.Start.AddDays(1));
        spec.Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("1Z999AA10123456784")));
        var report = spec.State.Work.Select(w => w.Command).OfType<ReportTrackingToShopify>().Single();
        var before = spec.State;

        var decision = spec.After(TimeSpan.FromMinutes(3)).When(new CommandSucceeded(report.Id, "gid://shopify/Fulfillment/1"));
        OrderSyncTelemetry.Decided(before, decision.State, spec.Now);

        var lag = telemetry.Of("ordersync.tracking.lag").Single();
        Assert.AreEqual("shopify", lag.Tags["target"]);
        Assert.AreEqual(180, lag.Value, 0.001, "shipped at Start + 1 day, reported 3 minutes later");
    }

    [TestMethod]
    public void A_decision_that_reports_nothing_new_records_no_tracking_lag()
    {
        using var telemetry = new TelemetryRecorder();
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA));

        var decision = spec.When(Created(VendorB));
        OrderSyncTelemetry.Decided(spec.State, decision.State, spec.Now);

        Assert.AreEqual(0, telemetry.Of("ordersync.tracking.lag").Count);
    }

    [TestMethod]
    public void Attention_raised_is_counted_once_by_the_prefix_of_its_key_never_by_its_text()
    {
        using var telemetry = new TelemetryRecorder();
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA));
        spec.Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("1Z999AA10123456784")));

        var cancelled = new OrderCancelled(MugAndTee().UpdatedMinutesLater(30).CancelledAt(LifecycleSpec.Start.AddMinutes(30)).Build(), "customer");
        var decision = spec.When(cancelled);
        OrderSyncTelemetry.Decided(spec.State, decision.State, spec.Now);
        OrderSyncTelemetry.Decided(decision.State, decision.State, spec.Now); // the same state again raises nothing new

        var raised = telemetry.Of("ordersync.attention.raised").Single();
        Assert.AreEqual("cancelled-after-shipment", raised.Tags["reason"]);
        Assert.AreEqual(1, raised.Value);
    }
}
