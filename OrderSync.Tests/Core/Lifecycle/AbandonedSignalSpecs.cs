using OrderSync.Core.Lifecycle;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>A signal that kept failing was set aside (poison queue): the order needs attention with the error until an operator's retry.</summary>
[TestClass]
public sealed class AbandonedSignalSpecs
{
    private static readonly SignalAbandoned Abandoned = new("shopify:webhook-9", nameof(OrderUpdated), "NullReferenceException: Object reference not set");

    private static LifecycleSpec Pushed() =>
        LifecycleSpec.For(TwoVendors().Build()).Given(Placed(AnOrder().WithLine("MUG")), Created(VendorA));

    [TestMethod]
    public void A_set_aside_signal_raises_attention_with_its_id_kind_and_error_and_sends_nothing()
    {
        var decision = Pushed().When(Abandoned);

        var attention = OpenAttention(decision, "abandoned-signal:");
        Assert.AreEqual("abandoned-signal:shopify:webhook-9", attention.Key);
        Assert.AreEqual("signal shopify:webhook-9 (OrderUpdated) failed, set aside: NullReferenceException: Object reference not set", attention.Reason);
        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual(OrderStatus.Attention, OrderStatus.Of(decision.State));
        Assert.Contains("attention: " + attention.Reason, OrderStatus.Reasons(decision.State));
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorA).Status, "the vendor's part is where it was");
    }

    [TestMethod]
    public void The_same_signal_set_aside_again_adds_nothing()
    {
        var spec = Pushed().Given(Abandoned);

        var decision = spec.When(Abandoned with { Error = "not settled after 5 deliveries" });

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void An_operator_retry_acknowledges_it_and_the_order_is_back_where_it_was()
    {
        var spec = Pushed().Given(Abandoned);

        var decision = spec.When(new OperatorRetry("ops@merchant"));

        AssertNoAttention(decision);
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(decision.State));
        Assert.AreEqual("ops@merchant", decision.State.Attention.Single().AcknowledgedBy);
    }

    [TestMethod]
    public void Acknowledged_it_is_not_raised_again_by_a_late_copy()
    {
        var spec = Pushed().Given(Abandoned, new OperatorRetry("ops@merchant"));

        var decision = spec.When(Abandoned);

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void The_order_s_first_signal_set_aside_leaves_an_unknown_order_needing_attention_which_a_retry_acknowledges()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build());

        var decision = spec.When(Abandoned with { Kind = nameof(OrderPlaced) });

        Assert.AreEqual(OrderStatus.Attention, OrderStatus.Of(decision.State));
        Assert.IsNull(decision.State.Order);
        var retried = spec.Given(Abandoned).When(new OperatorRetry("ops@merchant"));
        Assert.AreEqual(OrderStatus.New, OrderStatus.Of(retried.State));
        Assert.IsEmpty(retried.Commands);
    }
}
