using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Refunds, reversals and disputes: before shipment the merchant's setting decides; after shipment they are recorded.</summary>
[TestClass]
public sealed class PaymentReversalSpecs
{
    public static IEnumerable<object[]> Reversals =>
        from platform in new[] { PaymentPlatform.PayPal, PaymentPlatform.Stripe }
        from happened in new[] { PaymentEvent.Refunded, PaymentEvent.Reversed, PaymentEvent.Disputed }
        select new object[] { platform, happened };

    private static LifecycleSpec Unpushed(PaymentReversalAction action) =>
        LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().OnPaymentReversal(action).Build()).Given(Placed(MugAndTee().WithPayment(PaymentStatus.Authorized)));

    private static LifecycleSpec Pushed(PaymentReversalAction action) =>
        LifecycleSpec.For(TwoVendors().OnPaymentReversal(action).Build()).Given(Placed(MugAndTee()), Created(VendorA), Created(VendorB));

    [TestMethod]
    [DynamicData(nameof(Reversals))]
    public void Hold_keeps_an_unpushed_order_held_even_when_a_capture_follows(PaymentPlatform platform, PaymentEvent happened)
    {
        var spec = Unpushed(PaymentReversalAction.Hold);
        var reversed = spec.When(Payment(platform, happened));
        spec.Given(Payment(platform, happened));

        var capturedLater = spec.When(Payment(PaymentPlatform.Shopify, PaymentEvent.Captured, minutesLater: 9));

        Assert.IsEmpty(reversed.Commands);
        var expected = $"payment {happened.ToString().ToLowerInvariant()} ({platform}): not pushed unless a person decides";
        Assert.IsTrue(reversed.State.SubOrders.All(s => s.Status == SubOrderStatus.Held && s.Reason == expected), Sub(reversed, VendorA).Reason);
        Assert.IsEmpty(capturedLater.Commands);
    }

    [TestMethod]
    [DynamicData(nameof(Reversals))]
    public void Hold_flags_each_pushed_vendor_order_for_a_person_and_sends_nothing(PaymentPlatform platform, PaymentEvent happened)
    {
        var decision = Pushed(PaymentReversalAction.Hold).When(Payment(platform, happened));

        Assert.IsEmpty(decision.Commands);
        Assert.Contains("hold or cancel it there", OpenAttention(decision, $"reversal:{VendorA}").Reason);
        Assert.IsNotNull(OpenAttention(decision, $"reversal:{VendorB}"));
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorA).Status);
    }

    [TestMethod]
    [DynamicData(nameof(Reversals))]
    public void Cancel_at_vendor_cancels_an_unpushed_order_so_it_is_never_pushed(PaymentPlatform platform, PaymentEvent happened)
    {
        var spec = Unpushed(PaymentReversalAction.CancelAtVendor);
        var reversed = spec.When(Payment(platform, happened));
        spec.Given(Payment(platform, happened));

        var capturedLater = spec.When(Payment(PaymentPlatform.Shopify, PaymentEvent.Captured, minutesLater: 9));

        Assert.IsEmpty(reversed.Commands);
        Assert.IsTrue(reversed.State.SubOrders.All(s => s.Status == SubOrderStatus.Cancelled && s.Reason!.EndsWith("before it was pushed: never pushed")));
        Assert.IsEmpty(capturedLater.Commands);
    }

    [TestMethod]
    [DynamicData(nameof(Reversals))]
    public void Cancel_at_vendor_cancels_each_pushed_unshipped_vendor_order(PaymentPlatform platform, PaymentEvent happened)
    {
        var decision = Pushed(PaymentReversalAction.CancelAtVendor).When(Payment(platform, happened));

        var cancels = All<CancelVendorOrder>(decision);
        Assert.HasCount(2, decision.Commands);
        Assert.AreEqual($"payment {happened.ToString().ToLowerInvariant()} ({platform}) before the vendor shipped", cancels[0].Reason);
        Assert.AreEqual(VendorOrderId(VendorA), cancels[0].VendorOrderId);
    }

    [TestMethod]
    public void Refund_after_shipment_is_recorded_in_a_note_and_sends_nothing()
    {
        var spec = Pushed(PaymentReversalAction.CancelAtVendor).Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)), Shipped(VendorB, AShipment("shp-b").Of("B-TEE")));

        var decision = spec.When(Payment(PaymentPlatform.Stripe, PaymentEvent.Refunded, "pi_1", minutesLater: 2000));

        Assert.IsFalse(decision.Commands.OfType<CancelVendorOrder>().Any());
        Assert.IsTrue(decision.Notes.Contains("vendor vendor-a had already shipped: refunded (Stripe) recorded"), string.Join(" | ", decision.Notes));
        AssertNoAttention(decision);
    }

    [TestMethod]
    public void Dispute_after_shipment_notes_the_tracking_as_evidence()
    {
        var spec = Pushed(PaymentReversalAction.Hold).Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("1ZEVIDENCE", "UPS")));

        var decision = spec.When(Payment(PaymentPlatform.PayPal, PaymentEvent.Disputed, "PP-D-1", minutesLater: 2000));

        Assert.IsTrue(decision.Notes.Any(n => n.Contains("evidence for the dispute") && n.Contains("1ZEVIDENCE (UPS)")), string.Join(" | ", decision.Notes));
    }

    [TestMethod]
    public void Shopify_refund_alone_does_not_cancel_the_order()
    {
        var decision = Pushed(PaymentReversalAction.CancelAtVendor).When(Payment(PaymentPlatform.Shopify, PaymentEvent.Refunded, "refund-1"));

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Pushed));
        Assert.IsTrue(decision.Notes.Any(n => n.Contains("financial status decides")));
    }

    [TestMethod]
    public void Order_update_with_financial_status_refunded_cancels_at_the_vendor()
    {
        var spec = Pushed(PaymentReversalAction.CancelAtVendor).Given(Payment(PaymentPlatform.Shopify, PaymentEvent.Refunded, "refund-1"));

        var decision = spec.When(Updated(MugAndTee().WithPayment(PaymentStatus.Refunded).UpdatedMinutesLater(6)));

        Assert.HasCount(2, All<CancelVendorOrder>(decision));
        Assert.IsTrue(All<CancelVendorOrder>(decision).All(c => c.Reason.Contains("refunded (Shopify)")));
    }

    [TestMethod]
    public void Order_update_with_financial_status_refunded_flags_pushed_orders_when_the_setting_is_hold()
    {
        var decision = Pushed(PaymentReversalAction.Hold).When(Updated(MugAndTee().WithPayment(PaymentStatus.Refunded).UpdatedMinutesLater(6)));

        Assert.IsEmpty(decision.Commands);
        Assert.Contains("refunded (Shopify)", OpenAttention(decision, $"reversal:{VendorA}").Reason);
    }

    [TestMethod]
    [DataRow(PaymentReversalAction.CancelAtVendor)]
    [DataRow(PaymentReversalAction.Hold)]
    public void Push_confirmed_after_a_reversal_is_dealt_with_as_a_pushed_order(PaymentReversalAction action)
    {
        var spec = LifecycleSpec.For(TwoVendors().OnPaymentReversal(action).Build())
            .Given(Placed(AnOrderOfOneMug()), Payment(PaymentPlatform.Stripe, PaymentEvent.Refunded, "pi_1"));

        var decision = spec.When(Created(VendorA));

        if (action == PaymentReversalAction.CancelAtVendor)
            Assert.AreEqual(VendorOrderId(VendorA), Single<CancelVendorOrder>(decision).VendorOrderId);
        else
            Assert.IsNotNull(OpenAttention(decision, $"reversal:{VendorA}"));
    }

    private static Order AnOrderOfOneMug() => OrderBuilder.AnOrder().WithLine("MUG").Build();
}
