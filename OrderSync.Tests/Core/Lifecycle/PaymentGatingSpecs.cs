using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Push only if paid: unpaid orders are held until whichever capture notice comes first; pushed once; never if cancelled.</summary>
[TestClass]
public sealed class PaymentGatingSpecs
{
    private static LifecycleSpec HeldForPayment(PaymentStatus payment = PaymentStatus.Pending) =>
        LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).Given(Placed(MugAndTee().WithPayment(payment)));

    [TestMethod]
    [DataRow(PaymentStatus.Pending)]
    [DataRow(PaymentStatus.Authorized)]
    [DataRow(PaymentStatus.Unknown)]
    public void Push_only_if_paid_holds_an_order_whose_payment_is_not_captured(PaymentStatus payment)
    {
        var decision = LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).When(Placed(MugAndTee().WithPayment(payment)));

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Held && s.Reason!.StartsWith("awaiting payment")));
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
    }

    public static IEnumerable<object[]> CaptureNotices =>
    [
        [Payment(PaymentPlatform.Shopify, PaymentEvent.Captured)],
        [Payment(PaymentPlatform.PayPal, PaymentEvent.Captured, "CAP-1")],
        [Payment(PaymentPlatform.Stripe, PaymentEvent.Captured, "pi_1")],
        [Updated(MugAndTee().WithPayment(PaymentStatus.Paid).UpdatedMinutesLater(5))],
    ];

    [TestMethod]
    [DynamicData(nameof(CaptureNotices))]
    public void Held_order_is_released_and_pushed_by_any_capture_notice(Signal capture)
    {
        var decision = HeldForPayment().When(capture);

        CollectionAssert.AreEquivalent(new[] { PushToA, PushToB }, decision.Commands.Select(c => c.Id).ToArray());
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Pushing && s.Reason is null));
    }

    [TestMethod]
    public void Second_capture_notice_from_another_source_pushes_nothing_more()
    {
        var spec = HeldForPayment(PaymentStatus.Authorized).Given(Payment(PaymentPlatform.Shopify, PaymentEvent.Captured));

        var paypal = spec.When(Payment(PaymentPlatform.PayPal, PaymentEvent.Captured, "CAP-1"));
        var snapshot = spec.When(Updated(MugAndTee().WithPayment(PaymentStatus.Paid).UpdatedMinutesLater(6)));

        Assert.IsEmpty(paypal.Commands);
        Assert.AreEqual("CAP-1", paypal.State.Payment.PayPalCaptureId, "the capture id is still remembered for tracking");
        Assert.IsEmpty(snapshot.Commands);
    }

    [TestMethod]
    public void Pending_payment_notice_keeps_the_order_held()
    {
        var decision = HeldForPayment().When(Payment(PaymentPlatform.Stripe, PaymentEvent.Pending, "pi_1"));

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Held));
    }

    [TestMethod]
    public void Order_cancelled_while_held_for_payment_is_never_pushed_even_when_paid_later()
    {
        var spec = HeldForPayment().Given(new OrderCancelled(MugAndTee().WithPayment(PaymentStatus.Pending).UpdatedMinutesLater(3).Build(), "customer"));

        var decision = spec.When(Payment(PaymentPlatform.PayPal, PaymentEvent.Captured, "CAP-1"));

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Cancelled));
        Assert.AreEqual(OrderStatus.Cancelled, OrderStatus.Of(decision.State));
    }
}
