using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Each vendor shipment is reported once to Shopify, PayPal and Stripe; a corrected number is sent as a correction.</summary>
[TestClass]
public sealed class TrackingSpecs
{
    private static readonly PaymentReported PayPalCapture = Payment(PaymentPlatform.PayPal, PaymentEvent.Captured, "CAP-1");
    private static readonly PaymentReported StripeCapture = Payment(PaymentPlatform.Stripe, PaymentEvent.Captured, "pi_1");

    /// <summary>Line 1: 2 × MUG at vendor-a; lines 2 and 3: TEE and CAP at vendor-b; both pushed.</summary>
    private static LifecycleSpec Pushed(SyncSettingsBuilder? settings = null, params Signal[] more) =>
        LifecycleSpec.For((settings ?? TwoVendors()).Build())
            .Given(Placed(AnOrder().WithLine("MUG", 2).WithLine("TEE").WithLine("CAP")), Created(VendorA), Created(VendorB))
            .Given(more);

    private static string ReportKey(TrackingTarget target, string shipment, int revision = 0) =>
        IdempotencyKeys.Report(Key, target, VendorA, shipment, revision);

    [TestMethod]
    public void A_vendor_that_ships_everything_before_its_answer_to_the_push_comes_leaves_the_order_shipped_then_completed()
    {
        var spec = LifecycleSpec.For(TwoVendors().NoTrackingTo(TrackingTarget.PayPal).NoTrackingTo(TrackingTarget.Stripe).Build())
            .Given(Placed(AnOrder().WithLine("MUG", 2)), Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-A")));

        var confirmed = spec.When(Created(VendorA));
        spec.Given(Created(VendorA));
        var reported = spec.When(new CommandSucceeded(ReportKey(TrackingTarget.Shopify, "shp-1"), "gid://shopify/Fulfillment/1"));

        Assert.AreEqual(SubOrderStatus.Shipped, Sub(confirmed, VendorA).Status);
        Assert.AreEqual(OrderStatus.Completed, OrderStatus.Of(reported.State));
    }

    [TestMethod]
    public void A_second_shipments_Stripe_report_waits_for_the_first_then_keeps_its_number()
    {
        var spec = Pushed(TwoVendors().NoTrackingTo(TrackingTarget.Shopify).NoTrackingTo(TrackingTarget.PayPal), StripeCapture,
            Shipped(VendorA, AShipment().Of("A-MUG", 1).Tracked("TRK-1")));
        var second = Shipped(VendorA, AShipment("shp-2").Of("A-MUG", 1).Tracked("TRK-2"));

        var whileFirstRuns = spec.When(second);
        spec.Given(second);
        var afterFirst = spec.When(new CommandSucceeded(ReportKey(TrackingTarget.Stripe, "shp-1"), "pi_1"));

        Assert.IsEmpty(All<ReportTrackingToStripe>(whileFirstRuns), "two writes of the PaymentIntent's number list at once could lose one");
        var report = Single<ReportTrackingToStripe>(afterFirst);
        Assert.AreEqual("shp-2", report.ShipmentId);
        CollectionAssert.Contains(report.Keeps.ToArray(), "TRK-1");
    }

    [TestMethod]
    public void Shipment_is_reported_to_shopify_with_exactly_the_shipped_lines_matched_by_vendor_sku()
    {
        var decision = Pushed().When(Shipped(VendorB, AShipment().Of("B-CAP").Tracked("TRK-B")));

        var report = All<ReportTrackingToShopify>(decision).Single();
        CollectionAssert.AreEqual(new[] { new FulfilledLine("3", 1) }, report.Lines.ToArray());
        Assert.AreEqual((IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorB, "shp-1", 0), "shp-1", null), (report.Id, report.ShipmentId, report.FulfillmentId));
        CollectionAssert.AreEqual(new[] { "TRK-B" }, report.Tracking.Numbers.ToArray());
        Assert.AreEqual("UPS", report.Tracking.Carrier);
    }

    [TestMethod]
    public void Two_vendors_shipments_with_the_same_id_are_each_reported_and_recorded_on_their_own_vendor()
    {
        var spec = Pushed(TwoVendors().NoTrackingTo(TrackingTarget.PayPal).NoTrackingTo(TrackingTarget.Stripe))
            .Given(Shipped(VendorA, AShipment("1").Of("A-MUG", 2).Tracked("TRK-A")), Shipped(VendorB, AShipment("1").Of("B-TEE").Tracked("TRK-B")));
        var toB = IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorB, "1", 0);

        var decision = spec.When(new CommandSucceeded(toB, "gid://shopify/Fulfillment/2"));

        var reported = decision.State.SubOrders.ToDictionary(s => s.VendorId, s => s.Shipments.Single().ReportTo(TrackingTarget.Shopify));
        Assert.AreEqual("gid://shopify/Fulfillment/2", reported[VendorB]?.Reference, "vendor-b's shipment 1 is the one reported");
        Assert.IsNull(reported[VendorA], "vendor-a's shipment 1 is still to be reported");
    }

    [TestMethod]
    public void First_shipment_with_no_payment_reference_known_looks_the_references_up_once()
    {
        var spec = Pushed();
        var first = spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 1)));
        spec.Given(Shipped(VendorA, AShipment().Of("A-MUG", 1)));

        var second = spec.When(Shipped(VendorA, AShipment("shp-2").Of("A-MUG", 1)));

        Assert.AreEqual(IdempotencyKeys.PaymentReferences(Key), All<FindPaymentReferences>(first).Single().Id);
        Assert.IsFalse(first.Commands.Any(c => c is ReportTrackingToPayPal or ReportTrackingToStripe), "no PayPal or Stripe report before the reference is known");
        Assert.IsEmpty(All<FindPaymentReferences>(second));
    }

    [TestMethod]
    public void Found_references_report_the_shipment_on_the_paypal_capture_and_the_stripe_payment_intent()
    {
        var spec = Pushed().Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-1")));

        var decision = spec.When(new PaymentReferencesFound(IdempotencyKeys.PaymentReferences(Key), "CAP-9", "pi_9"));

        var paypal = All<ReportTrackingToPayPal>(decision).Single();
        var stripe = All<ReportTrackingToStripe>(decision).Single();
        Assert.AreEqual((ReportKey(TrackingTarget.PayPal, "shp-1"), "CAP-9", null), (paypal.Id, paypal.CaptureId, paypal.TrackerId));
        Assert.AreEqual((ReportKey(TrackingTarget.Stripe, "shp-1"), "pi_9", LondonAddress), (stripe.Id, stripe.PaymentIntentId, stripe.ShipTo));
        Assert.IsEmpty(stripe.Replaces);
    }

    [TestMethod]
    public void Captures_reported_by_paypal_and_stripe_are_used_without_a_look_up()
    {
        var decision = Pushed(null, PayPalCapture, StripeCapture).When(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        Assert.AreEqual("CAP-1", All<ReportTrackingToPayPal>(decision).Single().CaptureId);
        Assert.AreEqual("pi_1", All<ReportTrackingToStripe>(decision).Single().PaymentIntentId);
        Assert.IsEmpty(All<FindPaymentReferences>(decision));
        Assert.HasCount(3, decision.Commands);
    }

    [TestMethod]
    public void A_second_shipment_to_Stripe_names_the_numbers_of_the_first_to_keep_beside_its_own()
    {
        var spec = Pushed(null, PayPalCapture, StripeCapture).Given(
            Shipped(VendorA, AShipment().Of("A-MUG", 1).Tracked("TRK-1")),
            new CommandSucceeded(ReportKey(TrackingTarget.Stripe, "shp-1")));

        var decision = spec.When(Shipped(VendorA, AShipment("shp-2").Of("A-MUG", 1).Tracked("TRK-2")));

        var stripe = All<ReportTrackingToStripe>(decision).Single();
        Assert.AreEqual("shp-2", stripe.ShipmentId);
        CollectionAssert.AreEqual(new[] { "TRK-1" }, stripe.Keeps.ToArray());
    }

    [TestMethod]
    public void Stripe_reference_that_is_not_a_payment_intent_is_not_reported_on()
    {
        var decision = Pushed(null, PayPalCapture, Payment(PaymentPlatform.Stripe, PaymentEvent.Captured, "ch_1")).When(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        Assert.IsEmpty(All<ReportTrackingToStripe>(decision));
    }

    [TestMethod]
    [DataRow(TrackingTarget.Shopify)]
    [DataRow(TrackingTarget.PayPal)]
    [DataRow(TrackingTarget.Stripe)]
    public void Target_switched_off_in_settings_gets_no_report_while_the_others_do(TrackingTarget off)
    {
        var decision = Pushed(TwoVendors().NoTrackingTo(off), PayPalCapture, StripeCapture).When(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        var targets = decision.Commands.Select(TargetOf).ToList();
        CollectionAssert.AreEquivalent(Enum.GetValues<TrackingTarget>().Where(t => t != off).ToArray(), targets);
    }

    [TestMethod]
    public void Second_shipment_is_reported_to_each_target_as_its_own_report()
    {
        var spec = Pushed(null, PayPalCapture, StripeCapture);
        var first = spec.When(Shipped(VendorA, AShipment("shp-1").Of("A-MUG", 1).Tracked("TRK-1")));
        // The first shipment's Stripe write has ended: a second one does not run beside it (the spec above).
        spec.Given(Shipped(VendorA, AShipment("shp-1").Of("A-MUG", 1).Tracked("TRK-1")), new CommandSucceeded(ReportKey(TrackingTarget.Stripe, "shp-1"), "pi_1"));

        var second = spec.When(Shipped(VendorA, AShipment("shp-2").Of("A-MUG", 1).Tracked("TRK-2")));

        Assert.HasCount(3, second.Commands);
        Assert.IsEmpty(first.Commands.Select(c => c.Id).Intersect(second.Commands.Select(c => c.Id)));
        CollectionAssert.AreEqual(new[] { new FulfilledLine("1", 1) }, All<ReportTrackingToShopify>(second).Single().Lines.ToArray());
        Assert.IsTrue(second.Commands.All(c => c.Id.EndsWith(":shp-2")));
    }

    [TestMethod]
    public void Same_shipment_reported_again_changes_nothing()
    {
        var spec = Pushed(null, PayPalCapture).Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        AssertUnchanged(spec, spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 2))));
    }

    [TestMethod]
    public void Corrected_tracking_number_is_sent_as_a_correction_of_each_earlier_report()
    {
        var spec = Pushed(null, PayPalCapture, StripeCapture).Given(
            Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-OLD")),
            new CommandSucceeded(ReportKey(TrackingTarget.Shopify, "shp-1"), "gid://shopify/Fulfillment/7"),
            new CommandSucceeded(ReportKey(TrackingTarget.PayPal, "shp-1"), "CAP-1-TRK-OLD"),
            new CommandSucceeded(ReportKey(TrackingTarget.Stripe, "shp-1")));

        var decision = spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-NEW")));

        var shopify = All<ReportTrackingToShopify>(decision).Single();
        var paypal = All<ReportTrackingToPayPal>(decision).Single();
        var stripe = All<ReportTrackingToStripe>(decision).Single();
        Assert.AreEqual((ReportKey(TrackingTarget.Shopify, "shp-1", 1), "gid://shopify/Fulfillment/7"), (shopify.Id, shopify.FulfillmentId));
        Assert.AreEqual((ReportKey(TrackingTarget.PayPal, "shp-1", 1), "CAP-1-TRK-OLD"), (paypal.Id, paypal.TrackerId));
        CollectionAssert.AreEqual(new[] { "TRK-OLD" }, stripe.Replaces.ToArray());
        Assert.IsTrue(decision.Commands.All(c => TrackingOf(c).Numbers.Single() == "TRK-NEW"));
    }

    [TestMethod]
    public void Partial_shipment_leaves_the_sub_order_pushed_and_the_last_one_makes_it_shipped()
    {
        var spec = Pushed();
        var partial = spec.When(Shipped(VendorB, AShipment("b-1").Of("B-TEE")));
        spec.Given(Shipped(VendorB, AShipment("b-1").Of("B-TEE")));

        var last = spec.When(Shipped(VendorB, AShipment("b-2").Of("B-CAP")));

        Assert.AreEqual(SubOrderStatus.Pushed, Sub(partial, VendorB).Status);
        Assert.AreEqual(SubOrderStatus.Shipped, Sub(last, VendorB).Status);
    }

    [TestMethod]
    public void Order_status_goes_pushed_then_shipped_then_completed_once_every_report_is_made()
    {
        var spec = LifecycleSpec.For(TwoVendors().NoTrackingTo(TrackingTarget.Stripe).Build()).Given(Placed(AnOrder().WithLine("MUG", 2)), PayPalCapture);
        var pushed = spec.When(Created(VendorA));
        spec.Given(Created(VendorA));
        var shipped = spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 2)));
        spec.Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)), new CommandSucceeded(ReportKey(TrackingTarget.Shopify, "shp-1"), "gid://shopify/Fulfillment/1"));

        var completed = spec.When(new CommandSucceeded(ReportKey(TrackingTarget.PayPal, "shp-1"), "TRK"));

        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(pushed.State));
        Assert.AreEqual(OrderStatus.Shipped, OrderStatus.Of(shipped.State));
        Assert.AreEqual(OrderStatus.Completed, OrderStatus.Of(completed.State));
        Assert.IsTrue(OrderStatus.IsTerminal(completed.State));
    }

    private static TrackingTarget TargetOf(Command command) => command switch
    {
        ReportTrackingToShopify => TrackingTarget.Shopify,
        ReportTrackingToPayPal => TrackingTarget.PayPal,
        ReportTrackingToStripe => TrackingTarget.Stripe,
        _ => throw new AssertFailedException($"not a tracking report: {command.Id}"),
    };

    private static Tracking TrackingOf(Command command) => command switch
    {
        ReportTrackingToShopify s => s.Tracking,
        ReportTrackingToPayPal p => p.Tracking,
        ReportTrackingToStripe s => s.Tracking,
        _ => throw new AssertFailedException($"not a tracking report: {command.Id}"),
    };

    [TestMethod]
    public void Tracking_corrected_while_the_first_report_is_in_flight_is_corrected_after_it_succeeds()
    {
        var spec = Pushed(TwoVendors().NoTrackingTo(TrackingTarget.PayPal).NoTrackingTo(TrackingTarget.Stripe))
            .Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-OLD")), Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRK-NEW")));

        var decision = spec.When(new CommandSucceeded(ReportKey(TrackingTarget.Shopify, "shp-1"), "gid://shopify/Fulfillment/7"));

        var correction = Single<ReportTrackingToShopify>(decision);
        Assert.AreEqual((ReportKey(TrackingTarget.Shopify, "shp-1", 1), "gid://shopify/Fulfillment/7", "TRK-NEW"),
            (correction.Id, correction.FulfillmentId, correction.Tracking.Numbers.Single()));
    }
}
