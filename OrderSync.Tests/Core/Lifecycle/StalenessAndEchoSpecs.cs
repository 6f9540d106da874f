using OrderSync.Core.Lifecycle;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Out-of-order, duplicate and echoed signals change nothing.</summary>
[TestClass]
public sealed class StalenessAndEchoSpecs
{
    private static LifecycleSpec Pushed() =>
        LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA), Created(VendorB));

    [TestMethod]
    [DataRow(-5)]
    [DataRow(0)]
    public void Order_update_not_newer_than_the_order_known_changes_nothing(int minutes)
    {
        var spec = Pushed().Given(Updated(MugAndTee().WithNote("newest").UpdatedMinutesLater(10)));

        var decision = spec.When(Updated(MugAndTee().WithNote("older").UpdatedMinutesLater(10 + minutes)));

        AssertUnchanged(spec, decision);
        Assert.Contains("not newer", decision.Notes.Single());
    }

    [TestMethod]
    public void Duplicate_order_placed_changes_nothing()
    {
        var spec = Pushed();

        AssertUnchanged(spec, spec.When(Placed(MugAndTee())));
    }

    [TestMethod]
    public void Order_placed_arriving_after_its_update_changes_nothing()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Updated(MugAndTee().UpdatedMinutesLater(2)));

        AssertUnchanged(spec, spec.When(Placed(MugAndTee())));
        Assert.HasCount(2, spec.State.Work, "the update alone pushed the order, once per vendor");
    }

    [TestMethod]
    public void Edit_already_carried_by_a_newer_snapshot_changes_nothing()
    {
        var spec = Pushed().Given(Updated(MugAndTee().UpdatedMinutesLater(10)));

        var decision = spec.When(new OrderEdited("edit-1", [new LineDelta("1", 1)], [], LifecycleSpec.Start.AddMinutes(5)));

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void Edit_delivered_twice_is_applied_once()
    {
        var edit = new OrderEdited("edit-1", [new LineDelta("1", 1)], [], LifecycleSpec.Start.AddMinutes(5));
        var spec = Pushed().Given(edit);

        AssertUnchanged(spec, spec.When(edit with { At = LifecycleSpec.Start.AddMinutes(6) }));
    }

    [TestMethod]
    public void Duplicate_push_outcome_changes_nothing()
    {
        var spec = Pushed();

        AssertUnchanged(spec, spec.When(Created(VendorA)));
    }

    [TestMethod]
    public void Duplicate_report_outcome_changes_nothing()
    {
        var succeeded = new CommandSucceeded(IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorA, "shp-1", 0), "gid://shopify/Fulfillment/1");
        var spec = Pushed().Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)), succeeded);

        AssertUnchanged(spec, spec.When(succeeded));
    }

    [TestMethod]
    public void Duplicate_shipment_after_it_was_reported_changes_nothing()
    {
        var spec = Pushed().Given(
            Shipped(VendorA, AShipment().Of("A-MUG", 2)),
            new CommandSucceeded(IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorA, "shp-1", 0), "gid://shopify/Fulfillment/1"));

        AssertUnchanged(spec, spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 2))));
    }

    [TestMethod]
    public void Our_own_fulfillment_echoed_back_as_an_order_update_issues_nothing()
    {
        var spec = Pushed().Given(
            Payment(PaymentPlatform.PayPal, PaymentEvent.Captured, "CAP-1"),
            Shipped(VendorA, AShipment().Of("A-MUG", 2)),
            new CommandSucceeded(IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorA, "shp-1", 0), "gid://shopify/Fulfillment/1"),
            new CommandSucceeded(IdempotencyKeys.Report(Key, TrackingTarget.PayPal, VendorA, "shp-1", 0), "TRK-1"));

        Assert.IsEmpty(spec.State.Work, "precondition: every report is made and nothing is in flight");

        var decision = spec.When(Updated(MugAndTee().UpdatedMinutesLater(60 * 25)));

        Assert.IsEmpty(decision.Commands);
        AssertNoAttention(decision);
        Assert.AreEqual(spec.State.SubOrders.Length, decision.State.SubOrders.Length);
        Assert.IsTrue(decision.State.SubOrders.SequenceEqual(spec.State.SubOrders), "the vendor orders are as they were");
    }
}
