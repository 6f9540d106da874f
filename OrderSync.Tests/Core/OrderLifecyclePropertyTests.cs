using System.Diagnostics;
using System.Text;
using CsCheck;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core;

/// <summary>
/// Invariants of <see cref="OrderLifecycle.Decide"/> over random histories: random settings, then random signals
/// (orders, outcomes of real and unknown commands, wake-ups, operator retries, duplicates included) in random order
/// with the clock moving forward by random steps. Every decision along the way is checked.
/// </summary>
[TestClass]
public sealed class OrderLifecyclePropertyTests
{
    private const int Iterations = 2_000;

    private static readonly OrderKey Key = OrderBuilder.AnOrder().Build().Key;
    private static readonly string[] Vendors = ["v-a", "v-b", "v-c"];
    private const string DefaultVendor = "v-default";
    private static readonly string?[] Skus = ["A", "b", "C", "D", null];

    private static readonly string[] CommandIds =
    [
        .. Vendors.Append(DefaultVendor).Select(v => IdempotencyKeys.Push(Key, v)),
        IdempotencyKeys.Push(Key with { OrderId = "2002" }, "v-a"),
        "push:unknown",
    ];

    // ---- generators ----

    private static readonly Gen<RetryPolicy> GenRetry =
        Gen.Select(Gen.Int[1, 120], Gen.Int[1, 64], Gen.Int[1, 240], (initial, factor, budgetMinutes) =>
            new RetryPolicy(TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(initial * factor), TimeSpan.FromMinutes(budgetMinutes)));

    /// <summary>Merchant SKUs A, B, C each mapped to one of the vendors or to none; D and SKU-less lines never are.</summary>
    private static readonly Gen<SyncSettings> GenSettings =
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 2], Gen.Int[0, 3].Array[3], GenRetry,
            (enabled, onlyIfPaid, pushUnmapped, defaultVendor, mapped, retry) =>
            {
                var builder = SyncSettingsBuilder.ASettings().WithRetry(retry);
                string[] merchantSkus = ["A", "B", "C"];
                for (var i = 0; i < merchantSkus.Length; i++)
                    if (mapped[i] < Vendors.Length) builder.Mapping(merchantSkus[i], Vendors[mapped[i]]);
                if (pushUnmapped) builder.PushUnmappedTo(defaultVendor switch { 0 => null, 1 => "", _ => DefaultVendor });
                if (onlyIfPaid) builder.PushOnlyIfPaid();
                if (!enabled) builder.SyncSwitchedOff();
                return builder.Build();
            });

    private static readonly Gen<Order> GenOrder =
        Gen.Select(
            Gen.Select(Gen.Int[0, Skus.Length - 1], Gen.Int[0, 3], Gen.Int[1, 500]).Array[0, 5],
            Gen.Int[0, Enum.GetValues<PaymentStatus>().Length - 1],
            (lines, payment) =>
            {
                var builder = OrderBuilder.AnOrder().WithPayment((PaymentStatus)payment);
                foreach (var (sku, quantity, cents) in lines) builder.WithLine(Skus[sku], quantity, cents / 100m);
                var order = builder.Build();
                return lines.Length == 0 ? order with { Lines = [] } : order;
            });

    private static readonly Gen<string> GenCommandId = Gen.Int[0, CommandIds.Length - 1].Select(i => CommandIds[i]);

    private static readonly Gen<TimeSpan?> GenRetryAfter =
        Gen.Frequency((2, Gen.Const<TimeSpan?>((TimeSpan?)null)), (1, Gen.Int[0, 3 * 3600].Select(s => (TimeSpan?)TimeSpan.FromSeconds(s))));

    private static readonly Gen<Signal> GenSignal = Gen.Frequency(
        (2, GenOrder.Select(o => (Signal)new OrderPlaced(o))),
        (3, Gen.Select(GenCommandId, Gen.Int[1, 999], Gen.Bool, (id, n, named) =>
            (Signal)new VendorOrderCreated(id, $"vendor-order-{n}", named ? $"#V{n}" : null))),
        (5, Gen.Select(GenCommandId, Gen.Bool, Gen.Int[1, 999], GenRetryAfter, (id, permanent, n, retryAfter) =>
            (Signal)new CommandFailed(id, permanent ? FailureKind.Permanent : FailureKind.Transient, $"error {n}", retryAfter))),
        (4, Gen.Const<Signal>(new WakeUp())),
        (1, Gen.Const<Signal>(new OperatorRetry("ops"))));

    /// <summary>The clock mostly ticks by seconds to minutes, sometimes by hours (so budgets run out).</summary>
    private static readonly Gen<TimeSpan> GenElapsed =
        Gen.Frequency((4, Gen.Int[0, 120]), (2, Gen.Int[0, 3600]), (1, Gen.Int[0, 6 * 3600])).Select(s => TimeSpan.FromSeconds(s));

    /// <summary>Most histories start with the order; some do not (outcomes or timers arriving first).</summary>
    private static readonly Gen<History> GenHistory =
        Gen.Select(GenSettings, GenOrder, Gen.Int[0, 4], Gen.Select(GenSignal, GenElapsed).Array[0, 40],
            (settings, first, startWithOrder, steps) => new History(
                settings,
                [.. (startWithOrder > 0 ? [(new OrderPlaced(first), TimeSpan.Zero)] : Array.Empty<(Signal, TimeSpan)>()), .. steps]));

    public sealed record History(SyncSettings Settings, (Signal Signal, TimeSpan Elapsed)[] Steps)
    {
        public override string ToString()
        {
            var text = new StringBuilder()
                .Append($"settings: sync={Settings.EnableOrderSync} onlyIfPaid={Settings.PushOnlyIfPaid} ")
                .Append($"unmapped={Settings.PushUnmappedProducts}→{Settings.DefaultVendorId ?? "null"} ")
                .Append($"mappings=[{string.Join(", ", Settings.ProductMappings.Select(m => $"{m.MerchantSku}→{m.VendorId}"))}] ")
                .AppendLine($"retry={Settings.Retry}");
            foreach (var (signal, elapsed) in Steps)
                text.AppendLine($"  +{elapsed} {Describe(signal)}");
            return text.ToString();
        }

        private static string Describe(Signal signal) => signal switch
        {
            OrderPlaced p => $"OrderPlaced({p.Order.PaymentStatus}, lines=[{string.Join(", ", p.Order.Lines.Select(l => $"{l.Sku ?? "null"}x{l.Quantity}"))}])",
            _ => signal.ToString(),
        };
    }

    // ---- the run ----

    /// <summary>Runs every history step by step, checking each decision against the state it was made on.</summary>
    private static void ForEveryDecision(Action<SyncSettings, OrderState, Signal, DateTimeOffset, Decision> check) =>
        GenHistory.Sample(history =>
        {
            var state = OrderState.Empty(Key);
            var now = LifecycleSpec.Start;
            foreach (var (signal, elapsed) in history.Steps)
            {
                now += elapsed;
                var decision = OrderLifecycle.Decide(state, signal, history.Settings, now);
                check(history.Settings, state, signal, now, decision);
                state = decision.State;
            }
        }, iter: Iterations, print: h => h.ToString());

    private static string Json(Decision decision) => OrderSyncJson.Serialize(decision);

    [TestMethod]
    public void Same_inputs_give_the_same_decision() =>
        ForEveryDecision((settings, state, signal, now, decision) =>
        {
            var again = OrderLifecycle.Decide(state, signal, settings, now);
            Assert.AreEqual(Json(decision), Json(again));
        });

    [TestMethod]
    public void A_sub_order_already_pushed_is_never_pushed_again() =>
        ForEveryDecision((_, state, signal, _, decision) =>
        {
            foreach (var push in decision.Commands.OfType<PushOrderToVendor>())
            {
                var before = state.SubOrders.FirstOrDefault(s => s.VendorId == push.VendorId);
                Assert.AreNotEqual(SubOrderStatus.Pushed, before?.Status, $"{signal} pushed {push.VendorId}, which was already pushed");
                Assert.AreEqual(SubOrderStatus.Pushing, decision.State.SubOrders.Single(s => s.VendorId == push.VendorId).Status);
            }
        });

    [TestMethod]
    public void A_pushed_sub_order_stays_pushed_with_its_vendor_order() =>
        ForEveryDecision((_, state, signal, _, decision) =>
        {
            foreach (var before in state.SubOrders.Where(s => s.Status == SubOrderStatus.Pushed))
            {
                var after = decision.State.SubOrders.Single(s => s.VendorId == before.VendorId);
                Assert.AreEqual(SubOrderStatus.Pushed, after.Status, $"{signal} un-pushed {before.VendorId}");
                Assert.AreEqual(before.VendorOrderId, after.VendorOrderId);
            }
        });

    [TestMethod]
    public void At_most_one_push_per_vendor_per_decision() =>
        ForEveryDecision((_, _, signal, _, decision) =>
        {
            var pushes = decision.Commands.OfType<PushOrderToVendor>().ToList();
            Assert.HasCount(decision.Commands.Length, pushes, "only pushes exist today");
            var twice = pushes.GroupBy(p => p.VendorId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.IsEmpty(twice, $"{signal} pushed {string.Join(", ", twice)} more than once");
            foreach (var push in pushes)
                Assert.AreEqual(IdempotencyKeys.Push(Key, push.VendorId), push.Id, "a push carries its deterministic idempotency key");
        });

    [TestMethod]
    public void Every_held_or_failed_sub_order_and_every_unrouted_line_says_why() =>
        ForEveryDecision((_, _, signal, _, decision) =>
        {
            foreach (var sub in decision.State.SubOrders.Where(s => s.Status is SubOrderStatus.Held or SubOrderStatus.Failed))
                Assert.IsFalse(string.IsNullOrWhiteSpace(sub.Reason), $"after {signal}, {sub.VendorId} is {sub.Status} with no reason");
            foreach (var line in decision.State.Unrouted)
                Assert.IsFalse(string.IsNullOrWhiteSpace(line.Reason), $"after {signal}, line {line.MerchantLineId} is unrouted with no reason");
        });

    [TestMethod]
    public void Nothing_is_pushed_while_order_sync_is_switched_off() =>
        ForEveryDecision((settings, _, signal, _, decision) =>
        {
            if (!settings.EnableOrderSync)
                Assert.IsEmpty(decision.Commands, $"{signal} pushed while sync is off");
        });

    [TestMethod]
    public void Wake_at_is_the_earliest_retry_of_the_sub_orders_waiting_for_one() =>
        ForEveryDecision((_, _, signal, now, decision) =>
        {
            var waiting = decision.State.Work
                .Where(w => w.Status == WorkStatus.WaitingToRetry)
                .Select(w => w.Retry!.NextAttemptAt!.Value)
                .ToList();
            Assert.AreEqual(waiting.Count == 0 ? null : waiting.Min(), decision.WakeAt, $"after {signal}");
            if (signal is WakeUp && decision.WakeAt is { } wakeAt)
                Assert.IsGreaterThan(now, wakeAt, "a wake-up handles every retry that is due: what is left is in the future");
        });

    [TestMethod]
    public void Only_sub_orders_that_are_pushing_wait_for_a_retry() =>
        ForEveryDecision((_, _, signal, _, decision) =>
        {
            foreach (var sub in decision.State.SubOrders.Where(s => s.Status is SubOrderStatus.Held or SubOrderStatus.Failed or SubOrderStatus.Cancelled))
                Assert.IsNull(decision.State.WorkFor(Slots.Vendor(sub.VendorId)), $"after {signal}, {sub.VendorId} is {sub.Status} yet keeps work");
        });

    [TestMethod]
    public void Histories_cover_every_sub_order_status_and_the_run_is_quick()
    {
        // Guards the generators: if they stop reaching a status, the invariants above would hold vacuously.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<SubOrderStatus, int>();
        var pushes = 0;
        var watch = Stopwatch.StartNew();
        ForEveryDecision((_, _, _, _, decision) =>
        {
            foreach (var sub in decision.State.SubOrders) seen.AddOrUpdate(sub.Status, 1, (_, n) => n + 1);
            Interlocked.Add(ref pushes, decision.Commands.Length);
        });
        watch.Stop();

        CollectionAssert.AreEquivalent(Enum.GetValues<SubOrderStatus>(), seen.Keys.ToArray());
        Assert.IsGreaterThan(Iterations / 10, pushes);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), watch.Elapsed, "keep the property run quick");
    }
}
