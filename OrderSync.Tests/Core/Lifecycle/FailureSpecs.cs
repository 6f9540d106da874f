using OrderSync.Core.Lifecycle;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Transient failures retry with backoff (Retry-After honoured) within a budget; permanent ones fail at once; an operator resumes.</summary>
[TestClass]
public sealed class FailureSpecs
{
    private static LifecycleSpec Pushing() => LifecycleSpec.For(TwoVendors().Build()).Given(Placed(AnOrder().WithLine("MUG")));

    private static readonly string UpdateA = IdempotencyKeys.Update(Key, VendorA, 1);

    /// <summary>Pushed to vendor-a, then the note changed: an update is in flight.</summary>
    private static LifecycleSpec Updating() =>
        Pushing().Given(Created(VendorA), Updated(AnOrder().WithLine("MUG").WithNote("gift").UpdatedMinutesLater(5)));

    [TestMethod]
    public void Transient_failure_waits_to_retry_after_the_backoff_and_wakes_the_order_then()
    {
        var spec = Pushing();

        var decision = spec.When(Transient(PushToA));

        var work = decision.State.WorkFor(Slots.Vendor(VendorA))!;
        Assert.AreEqual(WorkStatus.WaitingToRetry, work.Status);
        Assert.AreEqual((1, spec.Now.AddSeconds(10), "503 Service Unavailable"), (work.Retry!.Attempts, work.Retry.NextAttemptAt, work.Retry.LastError));
        Assert.AreEqual(spec.Now.AddSeconds(10), decision.WakeAt);
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorA).Status);
        Assert.IsEmpty(decision.Commands);
    }

    [TestMethod]
    public void Retry_after_longer_than_the_backoff_is_honoured()
    {
        var spec = Pushing();

        var decision = spec.When(Transient(PushToA, retryAfter: TimeSpan.FromMinutes(2)));

        Assert.AreEqual(spec.Now.AddMinutes(2), decision.WakeAt);
    }

    [TestMethod]
    public void Wake_up_when_the_retry_is_due_issues_the_same_command_again()
    {
        var spec = Pushing();
        var original = spec.State.WorkFor(Slots.Vendor(VendorA))!.Command;
        spec.Given(Transient(PushToA)).After(TimeSpan.FromSeconds(10));

        var decision = spec.When(new WakeUp());

        Assert.AreEqual(original, Single<PushOrderToVendor>(decision));
        Assert.AreEqual(WorkStatus.InFlight, decision.State.WorkFor(Slots.Vendor(VendorA))!.Status);
    }

    [TestMethod]
    public void Push_failing_beyond_the_retry_budget_fails_the_sub_order_with_the_reason()
    {
        var spec = Pushing().Given(Transient(PushToA)).After(TimeSpan.FromHours(1)).Given(new WakeUp());

        var decision = spec.When(Transient(PushToA, reason: "504 Gateway Timeout"));

        var sub = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Failed, sub.Status);
        Assert.StartsWith("gave up after 2 attempts", sub.Reason!);
        Assert.EndsWith("504 Gateway Timeout", sub.Reason!);
        Assert.IsNull(decision.WakeAt);
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Permanent_push_failure_fails_the_sub_order_at_once()
    {
        var decision = Pushing().When(Permanent(PushToA, "422: SKU A-MUG does not exist"));

        Assert.AreEqual((SubOrderStatus.Failed, "422: SKU A-MUG does not exist"), (Sub(decision, VendorA).Status, Sub(decision, VendorA).Reason));
        Assert.IsNull(decision.State.WorkFor(Slots.Vendor(VendorA)));
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Permanent_failure_of_another_command_fails_its_work_and_the_order_status()
    {
        var decision = Updating().When(Permanent(UpdateA, "400: note too long"));

        var work = decision.State.WorkFor(Slots.Vendor(VendorA))!;
        Assert.AreEqual((WorkStatus.Failed, "400: note too long"), (work.Status, work.Reason));
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorA).Status);
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Tracking_report_failing_beyond_the_budget_fails_its_work()
    {
        var report = IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorA, "shp-1", 0);
        var spec = Pushing().Given(Created(VendorA), Shipped(VendorA, AShipment().Of("A-MUG")), Transient(report))
            .After(TimeSpan.FromHours(2)).Given(new WakeUp());

        var decision = spec.When(Transient(report));

        Assert.AreEqual(WorkStatus.Failed, decision.State.WorkFor(Slots.Report(VendorA, "shp-1", TrackingTarget.Shopify))!.Status);
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Operator_retry_resumes_a_failed_push_under_the_same_idempotency_key_and_acknowledges_attention()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build())
            .Given(Placed(MugAndTee()), Created(VendorB), Permanent(PushToA),
                new VendorOrderCancelled(VendorB, VendorOrderId(VendorB), "out of stock", LifecycleSpec.Start.AddMinutes(5)));
        Assert.IsTrue(spec.State.OpenAttention.Any(), "precondition: the vendor's cancellation needs attention");

        var decision = spec.When(new OperatorRetry("ops@merchant"));

        var push = Single<PushOrderToVendor>(decision);
        Assert.AreEqual((PushToA, VendorA), (push.Id, push.VendorId));
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorA).Status);
        Assert.IsTrue(decision.State.Attention.All(a => a.AcknowledgedBy == "ops@merchant"));
    }

    [TestMethod]
    public void Operator_retry_resumes_failed_work_and_nothing_else()
    {
        var spec = Updating().Given(Permanent(UpdateA));

        var decision = spec.When(new OperatorRetry("ops@merchant"));

        var update = Single<UpdateVendorOrder>(decision);
        Assert.AreEqual(("gift", VendorOrderId(VendorA)), (update.Details.Note, update.VendorOrderId));
        Assert.AreNotEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Operator_retry_resumes_a_failed_tracking_report_under_the_same_key()
    {
        var report = IdempotencyKeys.Report(Key, TrackingTarget.Shopify, VendorA, "shp-1", 0);
        var spec = Pushing().Given(Created(VendorA), Shipped(VendorA, AShipment().Of("A-MUG")), Permanent(report, "422: line already fulfilled"));

        var decision = spec.When(new OperatorRetry("ops@merchant"));

        Assert.AreEqual(report, All<ReportTrackingToShopify>(decision).Single().Id);
    }
}
