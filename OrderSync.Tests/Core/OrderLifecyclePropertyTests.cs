using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleHistories;

namespace OrderSync.Tests.Core;

/// <summary>
/// Invariants of <see cref="OrderLifecycle.Decide"/> over random histories of one order (see <see cref="LifecycleHistories"/>):
/// merchant snapshots, edits and cancellations (new and stale), payments, shipments, vendor cancellations, timers, operators,
/// settings changes, and a simulated world answering the commands the decider actually issued, with duplicates and
/// reordering of any signal. Every decision along every history is checked.
/// </summary>
[TestClass]
public sealed class OrderLifecyclePropertyTests
{
    private const int Iterations = 1_500;

    /// <summary>Runs every history; <paramref name="checker"/> makes a fresh check (with its own memory) per history.</summary>
    private static void ForEveryHistory(Func<Action<Step>> checker, int iterations = Iterations) =>
        GenHistory.Sample(history => Play(history, checker()), iter: iterations, print: Describe);

    private static void ForEveryStep(Action<Step> check, int iterations = Iterations) => ForEveryHistory(() => check, iterations);

    private static string Json<T>(T value) => OrderSyncJson.Serialize(value);

    private static string At(Step s) => $"at step {s.Index} ({Describe(s.Signal)})";

    private static string? Answered(Signal signal) => signal switch
    {
        VendorOrderCreated c => c.CommandId,
        CommandSucceeded c => c.CommandId,
        PaymentReferencesFound c => c.CommandId,
        CommandFailed c => c.CommandId,
        _ => null,
    };

    private static bool Accepted(Step s, string commandId) =>
        s.Before.Work.Any(w => w.Command.Id == commandId && w.Status == WorkStatus.InFlight);

    // ---- never push a cancelled order ----

    [TestMethod]
    public void A_cancelled_order_is_never_pushed() =>
        ForEveryHistory(() =>
        {
            var knownCancelled = false;
            return s =>
            {
                knownCancelled |= s.Before.Order?.CancelledAt is not null;
                var pushes = s.Decision.Commands.OfType<PushOrderToVendor>().ToList();
                if (pushes.Count == 0) { knownCancelled |= s.Decision.State.Order?.CancelledAt is not null; return; }
                Assert.IsNull(s.Decision.State.Order?.CancelledAt, $"{At(s)}: pushed {pushes[0].VendorId} in a decision whose order is cancelled");
                Assert.IsFalse(knownCancelled, $"{At(s)}: pushed {pushes[0].VendorId} after the order was known cancelled");
            };
        });

    // ---- never push twice ----

    [TestMethod]
    public void A_vendor_order_is_created_at_most_once_per_vendor() =>
        ForEveryHistory(() =>
        {
            var created = new Dictionary<string, string>();
            return s =>
            {
                foreach (var sub in s.Decision.State.SubOrders.Where(x => x.VendorOrderId is not null))
                {
                    if (s.Before.SubOrder(sub.VendorId)?.VendorOrderId == sub.VendorOrderId) continue;
                    Assert.IsFalse(created.TryGetValue(sub.VendorId, out var earlier),
                        $"{At(s)}: vendor {sub.VendorId} now holds {sub.VendorOrderId}, but {earlier} was created before");
                    created[sub.VendorId] = sub.VendorOrderId!;
                }
            };
        });

    [TestMethod]
    public void A_push_is_reissued_only_after_a_transient_failure_or_an_operator_retry_of_a_failure() =>
        ForEveryHistory(() =>
        {
            var issued = new HashSet<string>();
            var mayReissue = new HashSet<string>();
            var failed = new HashSet<string>();
            return s =>
            {
                if (s.Signal is CommandFailed f && f.CommandId.StartsWith("push:", StringComparison.Ordinal) && Accepted(s, f.CommandId))
                {
                    // A transient failure within the retry budget may be tried again (even after a hold meanwhile); anything else needs a person.
                    var first = s.Before.Work.First(w => w.Command.Id == f.CommandId).Retry?.FirstFailureAt ?? s.Now;
                    var gaveUp = f.Kind == FailureKind.Permanent || s.Now - first >= s.Settings.Retry.Budget;
                    (gaveUp ? failed : mayReissue).Add(f.CommandId);
                }
                if (s.Signal is OperatorRetry)
                {
                    mayReissue.UnionWith(failed);
                    failed.Clear();
                }
                foreach (var push in s.Decision.Commands.OfType<PushOrderToVendor>())
                {
                    Assert.IsTrue(issued.Add(push.Id) || mayReissue.Contains(push.Id),
                        $"{At(s)}: push {push.Id} issued again with no transient failure of it, nor an operator retry after it failed");
                    mayReissue.Remove(push.Id);
                    failed.Remove(push.Id);
                }
            };
        });

    // ---- never report the same shipment twice ----

    private static (string Shipment, TrackingTarget Target, bool Create, Tracking Tracking)? Report(Command command) => command switch
    {
        ReportTrackingToShopify c => (c.ShipmentId, TrackingTarget.Shopify, c.FulfillmentId is null, c.Tracking),
        ReportTrackingToPayPal c => (c.ShipmentId, TrackingTarget.PayPal, c.TrackerId is null, c.Tracking),
        ReportTrackingToStripe c => (c.ShipmentId, TrackingTarget.Stripe, c.Replaces.IsEmpty, c.Tracking),
        _ => null,
    };

    [TestMethod]
    public void A_shipment_is_reported_to_each_target_once_and_corrected_only_after_its_tracking_changed() =>
        ForEveryHistory(() =>
        {
            var created = new HashSet<(string, TrackingTarget)>();
            var createIds = new Dictionary<(string, TrackingTarget), string>();
            return s =>
            {
                if (s.Signal is CommandSucceeded ok && Accepted(s, ok.CommandId)
                    && Report(s.Before.Work.First(w => w.Command.Id == ok.CommandId).Command) is { Create: true } done)
                    Assert.IsTrue(created.Add((done.Shipment, done.Target)), $"{At(s)}: a second report of {done.Shipment} to {done.Target} was created");

                foreach (var command in s.Decision.Commands)
                {
                    if (Report(command) is not { } report) continue;
                    var key = (report.Shipment, report.Target);
                    // What the target holds once this signal is taken in (an outcome may just have recorded a report).
                    var last = s.Decision.State.SubOrders.SelectMany(x => x.Shipments).FirstOrDefault(x => x.ShipmentId == report.Shipment)?.ReportTo(report.Target);
                    if (report.Create)
                    {
                        Assert.IsFalse(created.Contains(key), $"{At(s)}: {command.Id} creates a report of {report.Shipment} to {report.Target} a second time");
                        Assert.IsNull(last, $"{At(s)}: {command.Id} creates a report of {report.Shipment} to {report.Target}, which holds one already");
                        Assert.AreEqual(createIds.GetValueOrDefault(key, command.Id), command.Id, $"{At(s)}: two different keys create the same report");
                        createIds[key] = command.Id;
                    }
                    else
                    {
                        Assert.IsNotNull(last, $"{At(s)}: {command.Id} corrects a report of {report.Shipment} to {report.Target} never made");
                        Assert.IsFalse(last.Sent.SameAs(report.Tracking), $"{At(s)}: {command.Id} corrects {report.Shipment} at {report.Target} to the tracking it already has");
                    }
                }
            };
        });

    // ---- reasons ----

    [TestMethod]
    public void Every_held_failed_or_cancelled_sub_order_failed_work_and_unrouted_line_says_why() =>
        ForEveryStep(s =>
        {
            var state = s.Decision.State;
            foreach (var sub in state.SubOrders.Where(x => x.Status is SubOrderStatus.Held or SubOrderStatus.Failed or SubOrderStatus.Cancelling or SubOrderStatus.Cancelled))
                Assert.IsFalse(string.IsNullOrWhiteSpace(sub.Reason), $"{At(s)}: {sub.VendorId} is {sub.Status} with no reason");
            foreach (var work in state.Work.Where(w => w.Status == WorkStatus.Failed))
                Assert.IsFalse(string.IsNullOrWhiteSpace(work.Reason), $"{At(s)}: failed work {work.Command.Id} has no reason");
            foreach (var line in state.Unrouted)
                Assert.IsFalse(string.IsNullOrWhiteSpace(line.Reason), $"{At(s)}: line {line.MerchantLineId} is unrouted with no reason");
        });

    // ---- purity ----

    [TestMethod]
    public void The_decision_is_a_pure_function_and_the_state_round_trips_through_json() =>
        ForEveryStep(s =>
        {
            var json = Json(s.Decision);
            Assert.AreEqual(json, Json(OrderLifecycle.Decide(s.Before, s.Signal, s.Settings, s.Now)), $"{At(s)}: deciding again gave another decision");

            // Every state a decision produces is the next one's "before": round-tripping that covers them all but the last.
            var before = Json(s.Before);
            var restored = OrderSyncJson.Deserialize<OrderState>(before);
            Assert.AreEqual(before, Json(restored), $"{At(s)}: the state does not round-trip through JSON");
            Assert.AreEqual(json, Json(OrderLifecycle.Decide(restored, s.Signal, s.Settings, s.Now)),
                $"{At(s)}: deciding on the state read back from JSON gave another decision");
        }, iterations: Iterations / 5); // JSON is the slow part of the run: fewer, equally long histories.

    // ---- wake-at ----

    [TestMethod]
    public void Wake_at_is_the_earliest_retry_and_a_wake_up_never_leaves_one_due() =>
        ForEveryStep(s =>
        {
            var waiting = s.Decision.State.Work.Where(w => w.Status == WorkStatus.WaitingToRetry).Select(w => w.Retry?.NextAttemptAt).ToList();
            Assert.IsTrue(waiting.All(w => w is not null), $"{At(s)}: work waits to retry with no time for it");
            Assert.AreEqual(waiting.Count == 0 ? null : waiting.Min(), s.Decision.WakeAt, $"{At(s)}: wake-at is not the earliest retry");
            if (s.Decision.WakeAt is not { } wakeAt || wakeAt > s.Now) return;

            // Due already (a signal that changes nothing leaves a due retry alone): the wake-up it asks for must clear it.
            Assert.IsNotInstanceOfType<WakeUp>(s.Signal, $"{At(s)}: a wake-up left a retry due at {wakeAt:u} (now {s.Now:u}): it would spin");
            var woken = OrderLifecycle.Decide(s.Decision.State, new WakeUp(), s.Settings, s.Now);
            Assert.IsFalse(woken.WakeAt <= s.Now, $"{At(s)}: waking at {wakeAt:u} leaves a retry due at {woken.WakeAt:u} (now {s.Now:u}): it would spin");
        });

    // ---- duplicates ----

    [TestMethod]
    public void An_exact_duplicate_of_the_previous_signal_changes_nothing() =>
        ForEveryHistory(() =>
        {
            Step? previous = null;
            return s =>
            {
                var original = previous;
                previous = s;
                if (original is null || Json(original.Signal) != Json(s.Signal)) return;
                // Timers and operators act on the clock: the same one later may find a retry due. At the same instant, it is a duplicate.
                if (s.Signal is WakeUp or OperatorRetry or OperatorReevaluate && s.Now != original.Now) return;
                // Settings changed since the order was last reconciled re-route it on whatever signal comes next, so the copy
                // may meet another order. The copy must change nothing when the original found the order settled under these settings.
                if (original.Settings != s.Settings) return;
                var settled = OrderLifecycle.Decide(original.Before, new OperatorReevaluate("check"), s.Settings, original.Now);
                if (!settled.Commands.IsEmpty || Json(settled.State) != Json(original.Before)) return;

                Assert.IsEmpty(s.Decision.Commands, $"{At(s)}: a duplicate issued {string.Join(", ", s.Decision.Commands.Select(c => c.Id))}");
                Assert.AreEqual(Json(s.Before), Json(s.Decision.State), $"{At(s)}: a duplicate changed the state");
            };
        });

    // ---- sync off ----

    [TestMethod]
    public void Nothing_is_sent_while_order_sync_is_off() =>
        ForEveryStep(s =>
        {
            if (!s.Settings.EnableOrderSync)
                Assert.IsEmpty(s.Decision.Commands, $"{At(s)}: sent {string.Join(", ", s.Decision.Commands.Select(c => c.Id))} while sync is off");
        });

    // ---- one command per slot ----

    [TestMethod]
    public void At_most_one_command_is_in_flight_per_work_slot() =>
        ForEveryStep(s =>
        {
            var state = s.Decision.State;
            var slots = state.Work.GroupBy(w => w.Slot).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.IsEmpty(slots, $"{At(s)}: slots with more than one work: {string.Join(", ", slots)}");
            var used = new HashSet<string>();
            foreach (var command in s.Decision.Commands)
            {
                var work = state.Work.SingleOrDefault(w => w.Command.Id == command.Id && w.Status == WorkStatus.InFlight);
                Assert.IsNotNull(work, $"{At(s)}: {command.Id} was issued but is not in flight in the state");
                Assert.AreEqual(Json(command), Json(work.Command), $"{At(s)}: the work in flight is not the command issued");
                Assert.IsTrue(used.Add(work.Slot), $"{At(s)}: two commands issued on slot {work.Slot}");
                // The slot may be busy only with the command this signal answers.
                Assert.IsFalse(s.Before.WorkFor(work.Slot) is { Status: WorkStatus.InFlight } busy && busy.Command.Id != Answered(s.Signal),
                    $"{At(s)}: {command.Id} issued on {work.Slot} while {s.Before.WorkFor(work.Slot)?.Command.Id} was in flight");
            }
        });

    // ---- counter-examples the properties found (shrunk), kept as plain tests ----

    private static readonly Shipment UntrackedShipment =
        new("shp-1", [], null, [], [], LifecycleSpec.Start);

    [TestMethod]
    public void A_due_retry_no_rule_wants_any_more_is_dropped_so_the_wake_up_does_not_spin()
    {
        // PayPal and Stripe tracking on, Shopify off: the first shipment looks up the payment references; the look-up
        // fails transiently; meanwhile a PayPal webhook names the capture, so no rule wants the look-up any more.
        var settings = SyncSettingsBuilder.ASettings().Mapping("B", "v-c").Build() with { SyncTrackingToShopify = false };
        var order = OrderBuilder.AnOrder().WithLine("B", 3).Build();
        var push = IdempotencyKeys.Push(order.Key, "v-c");
        var lookUp = IdempotencyKeys.PaymentReferences(order.Key);
        var spec = LifecycleSpec.For(settings).Given(
            new OrderPlaced(order),
            new VendorOrderCreated(push, "VO-1", null),
            new VendorShipped("v-c", null, UntrackedShipment),
            new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.PartiallyRefunded, "CAP-3", null, LifecycleSpec.Start),
            new CommandFailed(lookUp, FailureKind.Transient, "429 too many requests", TimeSpan.FromMinutes(17)));

        var woken = spec.After(TimeSpan.FromMinutes(20)).When(new WakeUp());

        Assert.IsEmpty(woken.Commands);
        Assert.IsNull(woken.State.WorkFor(Slots.PaymentReferences), "the unwanted retry is dropped");
        Assert.IsNull(woken.WakeAt, "nothing is due: the order is not woken again at once");
    }

    [TestMethod]
    public void A_repeated_stray_shipment_changes_nothing_even_with_a_retry_due()
    {
        var settings = SyncSettingsBuilder.ASettings().Mapping("B", "v-b").Build();
        var order = OrderBuilder.AnOrder().WithLine("B").Build();
        var stray = new VendorShipped("v-a", null, new Shipment("shp-v-a-1", ["1Z000005"], "UPS", [], [], LifecycleSpec.Start));
        var spec = LifecycleSpec.For(settings).Given(
            new OrderPlaced(order),
            new CommandFailed(IdempotencyKeys.Push(order.Key, "v-b"), FailureKind.Transient, "503 from the platform"),
            stray);

        var again = spec.After(TimeSpan.FromMinutes(10)).When(stray);

        Assert.IsEmpty(again.Commands, "the due push waits for its wake-up; a duplicate webhook does not send it");
        Assert.AreEqual(Json(spec.State), Json(again.State));
    }

    [TestMethod]
    public void A_repeated_payment_report_that_names_nothing_new_changes_nothing_even_with_a_retry_due()
    {
        var settings = SyncSettingsBuilder.ASettings().Mapping("A", "v-a").Build();
        var order = OrderBuilder.AnOrder().WithLine("A").Build();
        var pending = new PaymentReported(PaymentPlatform.Shopify, PaymentEvent.Failed, null, new Money(12.5m, "USD"), LifecycleSpec.Start);
        var spec = LifecycleSpec.For(settings).Given(
            new OrderPlaced(order),
            new CommandFailed(IdempotencyKeys.Push(order.Key, "v-a"), FailureKind.Transient, "503 from the platform"),
            pending);

        var again = spec.After(TimeSpan.FromMinutes(10)).When(pending);

        Assert.IsEmpty(again.Commands, "the due push waits for its wake-up; a duplicate webhook does not send it");
        Assert.AreEqual(Json(spec.State), Json(again.State));
    }

    [TestMethod]
    public void A_failed_push_whose_lines_go_and_come_back_is_not_pushed_again_without_an_operator()
    {
        var settings = SyncSettingsBuilder.ASettings().Mapping("B", "v-a").Mapping("C", "v-a").Build();
        var order = OrderBuilder.AnOrder().WithLine("B").Build();
        var push = IdempotencyKeys.Push(order.Key, "v-a");
        var withoutB = order with { Lines = [order.Lines[0] with { Quantity = 0 }], UpdatedAt = order.UpdatedAt.AddMinutes(1) };
        var withC = withoutB with { Lines = [.. withoutB.Lines, new OrderLine("100", "C", null, "Product C", 2, 5m)], UpdatedAt = order.UpdatedAt.AddMinutes(2) };
        var spec = LifecycleSpec.For(settings).Given(
            new OrderPlaced(order),
            new CommandFailed(push, FailureKind.Permanent, "422 rejected"),
            new OrderUpdated(withoutB));

        var lineBack = spec.When(new OrderUpdated(withC));

        Assert.IsEmpty(lineBack.Commands, "the vendor's push failed and no one has looked at it yet");
        Assert.AreEqual(SubOrderStatus.Failed, lineBack.State.SubOrder("v-a")?.Status);
        var retried = OrderLifecycle.Decide(lineBack.State, new OperatorRetry("ops"), settings, spec.Now);
        Assert.AreEqual(push, retried.Commands.OfType<PushOrderToVendor>().Single().Id, "an operator retry resumes it, with the lines the order has now");
    }

    // ---- the generators reach what the properties are about ----

    [TestMethod]
    public void Histories_reach_every_status_command_and_outcome_and_the_run_is_quick()
    {
        var statuses = new ConcurrentDictionary<SubOrderStatus, int>();
        var commands = new ConcurrentDictionary<string, int>();
        var events = new ConcurrentDictionary<string, int>();
        void See(ConcurrentDictionary<string, int> seen, string what) => seen.AddOrUpdate(what, 1, (_, n) => n + 1);

        var watch = Stopwatch.StartNew();
        ForEveryStep(s =>
        {
            foreach (var sub in s.Decision.State.SubOrders) statuses.AddOrUpdate(sub.Status, 1, (_, n) => n + 1);
            foreach (var command in s.Decision.Commands)
            {
                See(commands, command.GetType().Name);
                if (Report(command) is { Create: false } report) See(events, $"correction to {report.Target}");
            }
            if (s.Decision.State.OpenAttention.Any()) See(events, "attention");
            foreach (var work in s.Decision.State.Work) See(events, $"work {work.Status}");
            if (Answered(s.Signal) is { } answered)
                See(events, $"{s.Signal.GetType().Name} {(Accepted(s, answered) ? "accepted" : "ignored")}");
            if (s.PreviousSignal is not null && Json<Signal>(s.PreviousSignal) == Json(s.Signal)) See(events, "exact duplicate");
            if (s.Signal is OrderUpdated u && s.Before.Order is { } known && u.Order.UpdatedAt < known.UpdatedAt) See(events, "stale snapshot");
            if (s.Signal is OrderEdited && s.Decision.State != s.Before) See(events, "edit applied");
            if (!s.Settings.EnableOrderSync) See(events, "sync off");
            if (s.Before.Order?.CancelledAt is not null) See(events, "cancelled order");
        });
        watch.Stop();

        CollectionAssert.AreEquivalent(Enum.GetValues<SubOrderStatus>(), statuses.Keys.ToArray(), "statuses reached: " + string.Join(", ", statuses));
        string[] everyCommand =
        [
            nameof(PushOrderToVendor), nameof(UpdateVendorOrder), nameof(EditVendorOrderLines), nameof(CancelVendorOrder),
            nameof(ReportTrackingToShopify), nameof(ReportTrackingToPayPal), nameof(ReportTrackingToStripe), nameof(FindPaymentReferences),
        ];
        CollectionAssert.IsSubsetOf(everyCommand, commands.Keys.ToArray(), "commands issued: " + string.Join(", ", commands));
        string[] everyEvent =
        [
            "attention", "work InFlight", "work WaitingToRetry", "work Failed",
            "VendorOrderCreated accepted", "VendorOrderCreated ignored", "CommandSucceeded accepted", "PaymentReferencesFound accepted",
            "CommandFailed accepted", "CommandFailed ignored", "exact duplicate", "stale snapshot", "edit applied", "sync off", "cancelled order",
            "correction to Shopify", "correction to PayPal", "correction to Stripe",
        ];
        CollectionAssert.IsSubsetOf(everyEvent, events.Keys.ToArray(), "reached: " + string.Join(", ", events));
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed, "keep the property run quick");
    }
}
