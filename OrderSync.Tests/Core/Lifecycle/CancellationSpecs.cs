using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>The merchant's cancellation reaches every vendor that has not shipped; after shipment it needs a person.</summary>
[TestClass]
public sealed class CancellationSpecs
{
    private static readonly OrderCancelled Cancelled =
        new(MugAndTee().UpdatedMinutesLater(30).CancelledAt(LifecycleSpec.Start.AddMinutes(30)).Build(), "customer");

    private static LifecycleSpec PushedToBoth() =>
        LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA), Created(VendorB));

    [TestMethod]
    public void Cancellation_cancels_every_pushed_unshipped_vendor_order()
    {
        var decision = PushedToBoth().When(Cancelled);

        var cancels = All<CancelVendorOrder>(decision);
        Assert.HasCount(2, decision.Commands);
        CollectionAssert.AreEqual(new[] { (IdempotencyKeys.Cancel(Key, VendorA), VendorOrderId(VendorA)), (IdempotencyKeys.Cancel(Key, VendorB), VendorOrderId(VendorB)) },
            cancels.Select(c => (c.Id, c.VendorOrderId)).ToArray());
        Assert.IsTrue(cancels.All(c => c.Reason == "the merchant cancelled the order"));
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Cancelling));
    }

    [TestMethod]
    public void Confirmed_cancellations_leave_the_order_cancelled()
    {
        var spec = PushedToBoth().Given(Cancelled, new CommandSucceeded(IdempotencyKeys.Cancel(Key, VendorA)));

        var decision = spec.When(new CommandSucceeded(IdempotencyKeys.Cancel(Key, VendorB)));

        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Cancelled));
        Assert.AreEqual(OrderStatus.Cancelled, OrderStatus.Of(decision.State));
        Assert.IsTrue(OrderStatus.IsTerminal(decision.State));
    }

    [TestMethod]
    public void Held_sub_orders_become_cancelled_without_any_command()
    {
        var spec = LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).Given(Placed(MugAndTee().WithPayment(PaymentStatus.Pending)));

        var decision = spec.When(Cancelled);

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Cancelled && s.Reason!.Contains("never pushed")));
    }

    [TestMethod]
    public void Push_in_flight_is_cancelled_once_the_vendor_confirms_it()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()));
        var cancelledWhilePushing = spec.When(Cancelled);
        spec.Given(Cancelled);

        var decision = spec.When(Created(VendorA));

        Assert.IsEmpty(cancelledWhilePushing.Commands, "nothing to cancel until the vendor names its order");
        var cancel = Single<CancelVendorOrder>(decision);
        Assert.AreEqual((VendorA, VendorOrderId(VendorA)), (cancel.VendorId, cancel.VendorOrderId));
    }

    [TestMethod]
    public void Cancellation_while_a_failed_push_waits_to_retry_asks_the_vendor_for_what_the_push_may_have_left()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Transient(PushToA));

        var decision = spec.When(Cancelled);

        var cancel = Single<CancelUnconfirmedPush>(decision);
        Assert.AreEqual((IdempotencyKeys.CancelUnconfirmed(Key, VendorA), VendorA, PushToA), (cancel.Id, cancel.VendorId, cancel.PushId));
        Assert.AreEqual(SubOrderStatus.Cancelling, Sub(decision, VendorA).Status);
        Assert.IsFalse(decision.State.Work.Any(w => w.Command.Id == PushToA), "the push is not retried");
        AssertNoAttention(decision);
    }

    [TestMethod]
    public void An_unconfirmed_push_the_vendor_holds_is_cancelled_and_one_it_never_received_needs_nothing()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Transient(PushToA), Transient(PushToB), Cancelled);

        spec.Given(new CommandSucceeded(IdempotencyKeys.CancelUnconfirmed(Key, VendorA), VendorOrderId(VendorA)));
        var decision = spec.When(new CommandSucceeded(IdempotencyKeys.CancelUnconfirmed(Key, VendorB)));

        Assert.AreEqual((SubOrderStatus.Cancelled, VendorOrderId(VendorA)), (Sub(decision, VendorA).Status, Sub(decision, VendorA).VendorOrderId));
        Assert.AreEqual((SubOrderStatus.Cancelled, null), (Sub(decision, VendorB).Status, Sub(decision, VendorB).VendorOrderId));
        Assert.AreEqual(OrderStatus.Cancelled, OrderStatus.Of(decision.State));
        Assert.IsTrue(decision.Notes.Any(n => n.Contains("holds no order from the push that failed before it confirmed")), string.Join("\n", decision.Notes));
    }

    [TestMethod]
    public void A_vendor_that_cannot_be_asked_about_an_unconfirmed_push_leaves_the_order_failed_with_what_to_check()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Transient(PushToA), Created(VendorB), Cancelled,
            new CommandSucceeded(IdempotencyKeys.Cancel(Key, VendorB)));

        var decision = spec.When(Permanent(IdempotencyKeys.CancelUnconfirmed(Key, VendorA), "cannot be asked: if it holds merchant order #1001, cancel it there"));

        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
        Assert.IsTrue(OrderStatus.Reasons(decision.State).Any(r => r.Contains("cancel it there")), string.Join("; ", OrderStatus.Reasons(decision.State)));
    }

    [TestMethod]
    public void Cancellation_after_a_vendor_shipped_raises_attention_to_intercept_or_return()
    {
        var spec = PushedToBoth().Given(Shipped(VendorA, AShipment().Of("A-MUG", 2).Tracked("TRACK-A")), Shipped(VendorB, AShipment("shp-b").Of("B-TEE")));

        var decision = spec.When(Cancelled);

        Assert.IsFalse(decision.Commands.OfType<CancelVendorOrder>().Any());
        var attention = OpenAttention(decision, $"cancelled-after-shipment:{VendorA}");
        Assert.Contains("cancelled after vendor vendor-a shipped", attention.Reason);
        Assert.Contains("TRACK-A", attention.Reason);
        Assert.EndsWith("intercept or return", attention.Reason);
    }

    [TestMethod]
    public void Partly_shipped_order_is_decided_per_sub_order_cancel_the_unshipped_flag_the_shipped()
    {
        var spec = PushedToBoth().Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        var decision = spec.When(Cancelled);

        var cancel = All<CancelVendorOrder>(decision).Single();
        Assert.AreEqual(VendorB, cancel.VendorId);
        Assert.AreEqual(SubOrderStatus.Shipped, Sub(decision, VendorA).Status);
        Assert.IsNotNull(OpenAttention(decision, $"cancelled-after-shipment:{VendorA}"));
        Assert.IsFalse(decision.State.OpenAttention.Any(a => a.Key.EndsWith(VendorB)));
    }

    [TestMethod]
    public void Vendors_echo_of_our_own_cancellation_is_ignored_before_and_after_it_is_confirmed()
    {
        var echo = new VendorOrderCancelled(VendorA, VendorOrderId(VendorA), "cancelled by API", LifecycleSpec.Start.AddMinutes(31));
        var cancelling = PushedToBoth().Given(Cancelled);
        var cancelled = PushedToBoth().Given(Cancelled, new CommandSucceeded(IdempotencyKeys.Cancel(Key, VendorA)));

        AssertUnchanged(cancelling, cancelling.When(echo));
        AssertUnchanged(cancelled, cancelled.When(echo));
    }

    [TestMethod]
    public void Vendor_initiated_cancellation_raises_attention_and_cancels_only_that_sub_order()
    {
        var decision = PushedToBoth().When(new VendorOrderCancelled(VendorA, VendorOrderId(VendorA), "out of stock", LifecycleSpec.Start.AddMinutes(20)));

        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual((SubOrderStatus.Cancelled, "cancelled by vendor vendor-a (out of stock)"), (Sub(decision, VendorA).Status, Sub(decision, VendorA).Reason));
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorB).Status);
        Assert.Contains("need another vendor, or a refund", OpenAttention(decision, $"vendor-cancelled:{VendorA}").Reason);
    }

    [TestMethod]
    public void Shipment_of_a_cancelled_vendor_order_raises_attention_and_is_not_reported_to_shopify()
    {
        var spec = PushedToBoth().Given(Cancelled, new CommandSucceeded(IdempotencyKeys.Cancel(Key, VendorA)));

        var decision = spec.When(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        Assert.IsFalse(decision.Commands.OfType<ReportTrackingToShopify>().Any());
        Assert.EndsWith("intercept or return", OpenAttention(decision, $"shipped-after-cancel:{VendorA}").Reason);
    }
}
