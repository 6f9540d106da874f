using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;

namespace OrderSync.Tests.Core;

/// <summary>
/// The order's rules, as specifications of <see cref="OrderLifecycle.Decide"/>:
/// given these signals, when this one arrives, then these commands and this state.
/// </summary>
[TestClass]
public sealed class OrderLifecycleTests
{
    /// <summary>The backoff <see cref="TwoVendors"/> uses, so expected times can be written down.</summary>
    private static RetryPolicy Retry => ShortRetry;

    private static SyncSettings Settings => TwoVendors().Build();

    private static Order MugAndTee(PaymentStatus payment = PaymentStatus.Paid) =>
        AnOrder().WithLine("MUG", quantity: 2, price: 8m).WithLine("TEE", price: 20m).WithPayment(payment).Build();

    private static OrderPlaced Placed(Order? order = null) => new(order ?? MugAndTee());

    private static CommandFailed Transient(string commandId, string reason = "vendor answered 503 Service Unavailable", TimeSpan? retryAfter = null) =>
        new(commandId, FailureKind.Transient, reason, retryAfter);

    private static CommandFailed Permanent(string commandId, string reason = "vendor answered 422: SKU A-MUG does not exist") =>
        new(commandId, FailureKind.Permanent, reason);

    private static RetryState? RetryOf(Decision decision, string vendor) => decision.State.WorkFor(Slots.Vendor(vendor))?.Retry;

    private static PushOrderToVendor[] Pushes(Decision decision) => [.. decision.Commands.Cast<PushOrderToVendor>()];

    // ---- an order is placed ----

    [TestMethod]
    public void Placed_order_is_pushed_once_to_each_vendor_under_its_idempotency_key()
    {
        var decision = LifecycleSpec.For(Settings).When(Placed());

        var pushes = Pushes(decision);
        Assert.HasCount(2, decision.Commands);
        CollectionAssert.AreEqual(new[] { VendorA, VendorB }, pushes.Select(p => p.VendorId).ToArray());
        CollectionAssert.AreEqual(new[] { PushToA, PushToB }, pushes.Select(p => p.Id).ToArray());
        Assert.AreEqual("push:merchant.myshopify.com:1001:vendor-a", PushToA, "key derived from shop, order and vendor");
    }

    [TestMethod]
    public void Push_draft_carries_the_vendors_lines_the_shipping_address_and_the_currency()
    {
        var order = AnOrder().WithLine("MUG", quantity: 2, price: 8m, title: "Mug").WithLine("TEE", price: 20m, title: "Tee").Build();

        var decision = LifecycleSpec.For(Settings).When(Placed(order));

        var draft = Pushes(decision).Single(p => p.VendorId == VendorA).Draft;
        Assert.AreEqual(order.Key, draft.MerchantOrder);
        Assert.AreEqual("#1001", draft.MerchantOrderName);
        Assert.AreEqual("USD", draft.Currency);
        Assert.AreEqual(order.ShippingAddress, draft.ShippingAddress);
        Assert.AreEqual("1 Analytical Way", draft.ShippingAddress!.Address1);
        Assert.AreEqual(order.Customer, draft.Customer);
        Assert.AreEqual("Standard", draft.ShippingMethod);
        CollectionAssert.AreEqual(new[] { new RoutedLine("1", "A-MUG", "Mug", 2, 8m) }, draft.Lines.ToArray());
        CollectionAssert.AreEqual(new[] { new RoutedLine("2", "B-TEE", "Tee", 1, 20m) },
            Pushes(decision).Single(p => p.VendorId == VendorB).Draft.Lines.ToArray());
    }

    [TestMethod]
    public void Placed_order_has_its_sub_orders_pushing_and_no_wake_up()
    {
        var decision = LifecycleSpec.For(Settings).When(Placed());

        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorA).Status);
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorB).Status);
        Assert.AreEqual(OrderStatus.Pushing, OrderStatus.Of(decision.State));
        Assert.IsNull(decision.WakeAt);
        Assert.AreEqual(OrderSyncJson.Serialize(MugAndTee()), OrderSyncJson.Serialize(decision.State.Order), "the order is recorded");
    }

    [TestMethod]
    public void Order_is_held_with_the_settings_reason_when_sync_is_switched_off()
    {
        var settings = TwoVendors().SyncSwitchedOff().Build() with { DisabledReason = "paused by the merchant for stocktaking" };

        var decision = LifecycleSpec.For(settings).When(Placed());

        Assert.IsEmpty(decision.Commands);
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Held && s.Reason == "paused by the merchant for stocktaking"));
        Assert.HasCount(2, decision.State.SubOrders);
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Default_reason_for_switched_off_sync_says_so()
    {
        var decision = LifecycleSpec.For(TwoVendors().SyncSwitchedOff().Build()).When(Placed());

        Assert.AreEqual(new SyncSettings().DisabledReason, Sub(decision, VendorA).Reason);
        Assert.Contains("switched off", Sub(decision, VendorA).Reason!);
    }

    [TestMethod]
    public void Order_of_an_unconfigured_store_is_held_with_a_reason_naming_the_store()
    {
        var decision = LifecycleSpec.For(SyncSettings.NotConfigured(Key.Shop)).When(Placed());

        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
        var reasons = decision.State.SubOrders.Select(s => s.Reason).Concat(decision.State.Unrouted.Select(u => u.Reason)).ToList();
        Assert.IsTrue(reasons.Any(r => r is not null && r.Contains(Key.Shop) && r.Contains("not configured")),
            "an operator must see that the store is not configured; reasons given: " + string.Join(" | ", reasons));
    }

    [TestMethod]
    [DataRow(PaymentStatus.Pending)]
    [DataRow(PaymentStatus.Authorized)]
    [DataRow(PaymentStatus.PartiallyPaid)]
    [DataRow(PaymentStatus.Unknown)]
    public void Unpaid_order_is_held_when_push_only_if_paid(PaymentStatus payment)
    {
        var decision = LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).When(Placed(MugAndTee(payment)));

        Assert.IsEmpty(decision.Commands);
        foreach (var sub in decision.State.SubOrders)
        {
            Assert.AreEqual(SubOrderStatus.Held, sub.Status);
            Assert.Contains("awaiting payment", sub.Reason!);
        }
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    [DataRow(PaymentStatus.Paid)]
    [DataRow(PaymentStatus.PartiallyRefunded)]
    public void Captured_order_is_pushed_when_push_only_if_paid(PaymentStatus payment)
    {
        var decision = LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).When(Placed(MugAndTee(payment)));

        CollectionAssert.AreEqual(new[] { PushToA, PushToB }, decision.Commands.Select(c => c.Id).ToArray());
    }

    [TestMethod]
    public void Unpaid_order_is_pushed_when_push_only_if_paid_is_off()
    {
        var decision = LifecycleSpec.For(Settings).When(Placed(MugAndTee(PaymentStatus.Pending)));

        Assert.HasCount(2, decision.Commands);
    }

    // ARCHITECTURE.md: "A cancelled or refunded order is never pushed and never shipped by OrderSync."
    [TestMethod]
    [DataRow(PaymentStatus.Refunded)]
    [DataRow(PaymentStatus.Voided)]
    public void Refunded_or_voided_order_is_never_pushed(PaymentStatus payment)
    {
        var decision = LifecycleSpec.For(Settings).When(Placed(MugAndTee(payment)));

        Assert.IsEmpty(decision.Commands, $"an order whose payment is {payment} was pushed to vendors");
    }

    [TestMethod]
    public void Unmapped_line_is_held_with_its_reason_while_mapped_lines_are_pushed()
    {
        var order = AnOrder().WithLine("MUG").WithLine("MYSTERY-7", title: "Mystery box").Build();

        var decision = LifecycleSpec.For(Settings).When(Placed(order));

        var unrouted = decision.State.Unrouted.Single();
        Assert.AreEqual("2", unrouted.MerchantLineId);
        Assert.Contains("MYSTERY-7", unrouted.Reason);
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
        var push = Pushes(decision).Single();
        Assert.AreEqual(VendorA, push.VendorId);
        CollectionAssert.AreEqual(new[] { "1" }, push.Draft.Lines.Select(l => l.MerchantLineId).ToArray());
    }

    [TestMethod]
    public void Unmapped_lines_go_to_the_default_vendor_when_the_merchant_allows_it()
    {
        var order = AnOrder().WithLine("MUG").WithLine("MYSTERY-7").Build();

        var decision = LifecycleSpec.For(TwoVendors().PushUnmappedTo("catch-all").Build()).When(Placed(order));

        Assert.IsEmpty(decision.State.Unrouted);
        CollectionAssert.AreEqual(new[] { "catch-all", VendorA }, Pushes(decision).Select(p => p.VendorId).ToArray());
        Assert.AreEqual(OrderStatus.Pushing, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Order_whose_lines_no_vendor_fulfils_pushes_nothing_and_is_held_for_mapping()
    {
        var order = AnOrder().WithLine("MYSTERY-7").WithLine(null, title: "Gift note").Build();

        var decision = LifecycleSpec.For(Settings).When(Placed(order));

        Assert.IsEmpty(decision.Commands);
        Assert.IsEmpty(decision.State.SubOrders);
        Assert.HasCount(2, decision.State.Unrouted);
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State), "a person must map these products: held, not quietly recorded");
    }

    [TestMethod]
    public void Order_with_nothing_left_to_fulfil_pushes_nothing_and_is_recorded()
    {
        var order = AnOrder().WithLine("MUG", quantity: 0).WithLine("MYSTERY-7", quantity: 0).Build();

        var decision = LifecycleSpec.For(Settings).When(Placed(order));

        Assert.IsEmpty(decision.Commands);
        Assert.IsEmpty(decision.State.SubOrders);
        Assert.IsEmpty(decision.State.Unrouted);
        Assert.AreEqual(OrderStatus.Recorded, OrderStatus.Of(decision.State));
        Assert.IsNull(decision.WakeAt);
    }

    [TestMethod]
    public void Repeated_order_placed_pushes_nothing_and_changes_nothing()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(Placed());

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void Order_placed_again_with_other_content_does_not_replace_the_recorded_order()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(Placed(AnOrder().WithLine("CAP", quantity: 5).Build()));

        AssertUnchanged(spec, decision);
        Assert.AreEqual(OrderSyncJson.Serialize(MugAndTee()), OrderSyncJson.Serialize(decision.State.Order), "the order is recorded");
    }

    [TestMethod]
    public void Status_of_an_order_never_seen_is_new() =>
        Assert.AreEqual(OrderStatus.New, OrderStatus.Of(OrderState.Empty(Key)));

    // ---- a vendor took the order ----

    [TestMethod]
    public void Vendor_order_created_marks_the_sub_order_pushed_with_the_vendor_id_and_name()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(new VendorOrderCreated(PushToA, "gid://shopify/Order/555", "#V-555"));

        var pushed = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Pushed, pushed.Status);
        Assert.AreEqual("gid://shopify/Order/555", pushed.VendorOrderId);
        Assert.AreEqual("#V-555", pushed.VendorOrderName);
        Assert.IsNull(pushed.Reason);
        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorB).Status, "the other vendor's push is still in flight");
        Assert.AreEqual(OrderStatus.Pushing, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Order_is_pushed_when_every_vendor_took_its_part()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), new VendorOrderCreated(PushToA, "555", "#V-555"));

        var decision = spec.When(new VendorOrderCreated(PushToB, "777", null));

        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(decision.State));
        Assert.AreEqual("777", Sub(decision, VendorB).VendorOrderId);
        Assert.IsNull(Sub(decision, VendorB).VendorOrderName);
    }

    [TestMethod]
    public void Repeated_vendor_order_created_changes_nothing()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), new VendorOrderCreated(PushToA, "555", "#V-555"));

        var decision = spec.When(new VendorOrderCreated(PushToA, "999", "#V-999"));

        AssertUnchanged(spec, decision);
        Assert.AreEqual("555", Sub(decision, VendorA).VendorOrderId);
    }

    [TestMethod]
    [DataRow("push:merchant.myshopify.com:1001:vendor-z", DisplayName = "vendor not in this order")]
    [DataRow("push:merchant.myshopify.com:2002:vendor-a", DisplayName = "another order's command")]
    [DataRow("", DisplayName = "empty")]
    public void Vendor_order_created_for_an_unknown_command_changes_nothing(string commandId)
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(new VendorOrderCreated(commandId, "555", "#V-555"));

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void Vendor_order_created_before_the_order_is_known_changes_nothing()
    {
        var spec = LifecycleSpec.For(Settings);

        var decision = spec.When(new VendorOrderCreated(PushToA, "555", "#V-555"));

        AssertUnchanged(spec, decision);
        Assert.AreEqual(OrderStatus.New, OrderStatus.Of(decision.State));
    }

    // ---- transient failures and retries ----

    [TestMethod]
    public void Transient_failure_schedules_a_retry_after_the_backoff()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed()).After(TimeSpan.FromSeconds(3));

        var decision = spec.When(Transient(PushToA, "vendor answered 503 Service Unavailable"));

        Assert.IsEmpty(decision.Commands);
        var sub = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Pushing, sub.Status);
        Assert.IsNotNull(RetryOf(decision, VendorA));
        Assert.AreEqual(1, RetryOf(decision, VendorA).Attempts);
        Assert.AreEqual(spec.Now, RetryOf(decision, VendorA).FirstFailureAt);
        Assert.AreEqual("vendor answered 503 Service Unavailable", RetryOf(decision, VendorA).LastError);
        Assert.AreEqual(spec.Now + TimeSpan.FromSeconds(10), RetryOf(decision, VendorA).NextAttemptAt);
        Assert.AreEqual(spec.Now + Retry.DelayAfter(1, null), RetryOf(decision, VendorA).NextAttemptAt);
        Assert.AreEqual(RetryOf(decision, VendorA).NextAttemptAt, decision.WakeAt);
    }

    [TestMethod]
    public void Second_transient_failure_doubles_the_backoff()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .After(TimeSpan.FromSeconds(10)).Given(new WakeUp())
            .After(TimeSpan.FromSeconds(2));

        var decision = spec.When(Transient(PushToA, "vendor answered 502 Bad Gateway"));

        var retry = RetryOf(decision, VendorA)!;
        Assert.AreEqual(2, retry.Attempts);
        Assert.AreEqual(LifecycleSpec.Start, retry.FirstFailureAt);
        Assert.AreEqual("vendor answered 502 Bad Gateway", retry.LastError);
        Assert.AreEqual(spec.Now + TimeSpan.FromSeconds(20), retry.NextAttemptAt);
        Assert.AreEqual(retry.NextAttemptAt, decision.WakeAt);
    }

    [TestMethod]
    public void Retry_after_longer_than_the_backoff_wins()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(Transient(PushToA, "vendor answered 429 (rate limited)", retryAfter: TimeSpan.FromMinutes(2)));

        Assert.AreEqual(spec.Now + TimeSpan.FromMinutes(2), RetryOf(decision, VendorA)!.NextAttemptAt);
        Assert.AreEqual(spec.Now + TimeSpan.FromMinutes(2), decision.WakeAt);
    }

    [TestMethod]
    public void Retry_after_shorter_than_the_backoff_does_not_shorten_it()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(Transient(PushToA, retryAfter: TimeSpan.FromSeconds(1)));

        Assert.AreEqual(spec.Now + TimeSpan.FromSeconds(10), RetryOf(decision, VendorA)!.NextAttemptAt);
    }

    [TestMethod]
    public void Wake_up_is_the_earliest_retry_of_all_vendors()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), Transient(PushToA, retryAfter: TimeSpan.FromMinutes(2)));

        var decision = spec.When(Transient(PushToB));

        Assert.AreEqual(spec.Now + TimeSpan.FromSeconds(10), decision.WakeAt);
    }

    [TestMethod]
    public void Wake_up_before_the_retry_is_due_does_nothing()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), Transient(PushToA)).After(TimeSpan.FromSeconds(9.999));

        var decision = spec.When(new WakeUp());

        AssertUnchanged(spec, decision);
        Assert.AreEqual(LifecycleSpec.Start + TimeSpan.FromSeconds(10), decision.WakeAt);
    }

    [TestMethod]
    [DataRow(10.0, DisplayName = "exactly when due")]
    [DataRow(3600.0, DisplayName = "an hour late")]
    public void Wake_up_when_the_retry_is_due_pushes_the_same_command_again(double secondsLater)
    {
        var placed = LifecycleSpec.For(Settings).When(Placed());
        var firstPushToA = Pushes(placed).Single(p => p.VendorId == VendorA);
        var spec = LifecycleSpec.For(Settings).Given(Placed(), Transient(PushToA)).After(TimeSpan.FromSeconds(secondsLater));

        var decision = spec.When(new WakeUp());

        var again = Pushes(decision).Single();
        Assert.AreEqual(PushToA, again.Id);
        Assert.AreEqual(VendorA, again.VendorId);
        Assert.AreEqual(OrderSyncJson.Serialize(new Decision(placed.State, [firstPushToA], null, [])),
            OrderSyncJson.Serialize(new Decision(placed.State, [again], null, [])), "the same draft is sent again");
        var retry = RetryOf(decision, VendorA)!;
        Assert.IsNull(retry.NextAttemptAt, "the retry is in flight, no longer waiting");
        Assert.AreEqual(1, retry.Attempts, "attempts so far are remembered for the backoff and the budget");
        Assert.IsNull(decision.WakeAt);
    }

    [TestMethod]
    public void Outcome_of_the_retried_push_is_applied()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .After(TimeSpan.FromSeconds(10)).Given(new WakeUp());

        var decision = spec.When(new VendorOrderCreated(PushToA, "555", "#V-555"));

        var sub = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Pushed, sub.Status);
        Assert.IsNull(RetryOf(decision, VendorA));
    }

    [TestMethod]
    public void Transient_failures_within_the_budget_keep_retrying()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .After(TimeSpan.FromMinutes(59)).Given(new WakeUp());

        var decision = spec.When(Transient(PushToA));

        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorA).Status);
        Assert.AreEqual(2, RetryOf(decision, VendorA)!.Attempts);
    }

    [TestMethod]
    public void Transient_failures_beyond_the_budget_fail_the_sub_order_with_the_last_error()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA, "vendor answered 503 Service Unavailable"))
            .After(TimeSpan.FromSeconds(10)).Given(new WakeUp(), Transient(PushToA, "vendor answered 500"))
            .After(TimeSpan.FromHours(1)).Given(new WakeUp());

        var decision = spec.When(Transient(PushToA, "vendor answered 502 Bad Gateway"));

        var failed = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Failed, failed.Status);
        Assert.Contains("vendor answered 502 Bad Gateway", failed.Reason!);
        Assert.Contains("3 attempts", failed.Reason!);
        Assert.IsNull(RetryOf(decision, VendorA));
        Assert.IsEmpty(decision.Commands);
        Assert.IsNull(decision.WakeAt);
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Permanent_failure_fails_the_sub_order_at_once_with_its_reason()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed());

        var decision = spec.When(Permanent(PushToA, "vendor answered 422: SKU A-MUG does not exist"));

        var failed = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Failed, failed.Status);
        Assert.AreEqual("vendor answered 422: SKU A-MUG does not exist", failed.Reason);
        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorB).Status);
        Assert.AreEqual(OrderStatus.Failed, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Permanent_failure_of_a_retried_push_fails_it_and_clears_the_retry()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .After(TimeSpan.FromSeconds(10)).Given(new WakeUp());

        var decision = spec.When(Permanent(PushToA, "vendor answered 401: check the access token"));

        Assert.AreEqual(SubOrderStatus.Failed, Sub(decision, VendorA).Status);
        Assert.AreEqual("vendor answered 401: check the access token", Sub(decision, VendorA).Reason);
        Assert.IsNull(RetryOf(decision, VendorA));
    }

    [TestMethod]
    [DataRow(FailureKind.Transient)]
    [DataRow(FailureKind.Permanent)]
    public void Failure_arriving_while_the_sub_order_waits_for_its_retry_is_ignored(FailureKind kind)
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), Transient(PushToA)).After(TimeSpan.FromSeconds(5));

        var decision = spec.When(new CommandFailed(PushToA, kind, "duplicate delivery of an old outcome"));

        AssertUnchanged(spec, decision);
        Assert.AreEqual(LifecycleSpec.Start + TimeSpan.FromSeconds(10), decision.WakeAt);
    }

    [TestMethod]
    public void Failure_of_a_push_that_already_succeeded_is_ignored()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), new VendorOrderCreated(PushToA, "555", null));

        var decision = spec.When(Permanent(PushToA));

        AssertUnchanged(spec, decision);
    }

    // ---- the operator ----

    [TestMethod]
    public void Operator_retry_pushes_failed_sub_orders_again_with_their_retry_cleared()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Permanent(PushToA), new VendorOrderCreated(PushToB, "777", "#V-777"));

        var decision = spec.When(new OperatorRetry("ops@merchant.example"));

        var push = Pushes(decision).Single();
        Assert.AreEqual(PushToA, push.Id);
        Assert.AreEqual(VendorA, push.VendorId);
        var retried = Sub(decision, VendorA);
        Assert.AreEqual(SubOrderStatus.Pushing, retried.Status);
        Assert.IsNull(retried.Reason);
        Assert.IsNull(RetryOf(decision, VendorA));
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorB).Status, "what went through is not pushed again");
        Assert.AreEqual(OrderStatus.Pushing, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Operator_retry_after_the_budget_ran_out_starts_a_fresh_budget()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .After(TimeSpan.FromHours(1)).Given(new WakeUp(), Transient(PushToA))
            .Given(new OperatorRetry("ops"))
            .After(TimeSpan.FromSeconds(1));

        var decision = spec.When(Transient(PushToA));

        var retry = RetryOf(decision, VendorA)!;
        Assert.AreEqual(SubOrderStatus.Pushing, Sub(decision, VendorA).Status);
        Assert.AreEqual(1, retry.Attempts);
        Assert.AreEqual(spec.Now, retry.FirstFailureAt);
    }

    [TestMethod]
    public void Operator_retry_with_nothing_failed_does_nothing()
    {
        var spec = LifecycleSpec.For(Settings).Given(Placed(), new VendorOrderCreated(PushToA, "555", null), Transient(PushToB));

        var decision = spec.When(new OperatorRetry("ops"));

        AssertUnchanged(spec, decision);
    }

    [TestMethod]
    public void Operator_retry_does_not_release_an_order_held_for_payment()
    {
        var spec = LifecycleSpec.For(TwoVendors().PushOnlyIfPaid().Build()).Given(Placed(MugAndTee(PaymentStatus.Pending)));

        var decision = spec.When(new OperatorRetry("ops"));

        AssertUnchanged(spec, decision);
    }

    // SyncSettings.EnableOrderSync: "Master switch: when off, orders are recorded and visible but nothing is pushed."
    [TestMethod]
    public void Retry_that_comes_due_after_sync_was_switched_off_is_not_pushed()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Transient(PushToA))
            .WithSettings(TwoVendors().SyncSwitchedOff().Build())
            .After(TimeSpan.FromSeconds(10));

        var decision = spec.When(new WakeUp());

        Assert.IsEmpty(decision.Commands, "a push was sent while order sync is switched off");
    }

    [TestMethod]
    public void Operator_retry_while_sync_is_switched_off_pushes_nothing()
    {
        var spec = LifecycleSpec.For(Settings)
            .Given(Placed(), Permanent(PushToA))
            .WithSettings(TwoVendors().SyncSwitchedOff().Build());

        var decision = spec.When(new OperatorRetry("ops"));

        Assert.IsEmpty(decision.Commands, "a push was sent while order sync is switched off");
    }

    // ---- the retry policy ----

    [TestMethod]
    [DataRow(1, 30)]
    [DataRow(2, 60)]
    [DataRow(3, 120)]
    [DataRow(4, 240)]
    [DataRow(7, 1920)]
    public void Backoff_doubles_with_each_attempt(int attempts, int expectedSeconds) =>
        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.Default.DelayAfter(attempts, null));

    [TestMethod]
    [DataRow(8)]
    [DataRow(31)]
    [DataRow(1000)]
    [DataRow(int.MaxValue)]
    public void Backoff_is_capped_at_the_maximum(int attempts) =>
        Assert.AreEqual(TimeSpan.FromHours(1), RetryPolicy.Default.DelayAfter(attempts, null));

    [TestMethod]
    [DataRow(0)]
    [DataRow(-3)]
    public void Backoff_before_any_attempt_is_the_initial_delay(int attempts) =>
        Assert.AreEqual(TimeSpan.FromSeconds(30), RetryPolicy.Default.DelayAfter(attempts, null));

    [TestMethod]
    public void Default_policy_is_30_seconds_up_to_an_hour_for_a_day() =>
        Assert.AreEqual(new RetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), TimeSpan.FromHours(24)), RetryPolicy.Default);

    [TestMethod]
    public void Retry_after_longer_than_the_backoff_is_honoured_even_beyond_the_maximum()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(45), RetryPolicy.Default.DelayAfter(1, TimeSpan.FromSeconds(45)));
        Assert.AreEqual(TimeSpan.FromHours(2), RetryPolicy.Default.DelayAfter(20, TimeSpan.FromHours(2)));
    }

    [TestMethod]
    public void Retry_after_shorter_than_the_backoff_is_ignored() =>
        Assert.AreEqual(TimeSpan.FromSeconds(60), RetryPolicy.Default.DelayAfter(2, TimeSpan.FromSeconds(5)));
}
