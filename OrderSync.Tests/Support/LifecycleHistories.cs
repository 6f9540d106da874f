using System.Collections.Immutable;
using System.Text;
using CsCheck;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Support;

/// <summary>
/// Random histories of one order for property tests of <see cref="OrderLifecycle.Decide"/>. A history is a tape of
/// <see cref="Move"/>s; <see cref="Play"/> interprets it against a small simulated world: the merchant's order (a
/// sequence of versions, sent as placed / updated / edited / cancelled, newest or stale), the payment platforms, the
/// vendors (shipments, their own cancellations) and the platforms that answer the commands the decider actually issued,
/// by id, in any order, more than once, late, failing transiently (with or without Retry-After) or permanently.
/// Because moves pick by index from what exists at that point, every tape is playable and shrinks to a playable tape.
/// </summary>
public static class LifecycleHistories
{
    public static readonly OrderKey Key = OrderBuilder.AnOrder().Build().Key;
    public static readonly string[] Vendors = ["v-a", "v-b", "v-c", "v-default"];
    private static readonly string?[] Skus = ["A", "B", "C", "D", null];

    // ---- the tape ----

    public abstract record Move;

    /// <summary>The merchant changes the order (a new version); the store may or may not send a webhook for it now.</summary>
    /// <param name="Kind">0 quantity, 1 add line, 2 swap variant, 3 address, 4 contact, 5 payment status, 6 note/tags.</param>
    /// <param name="Send">0 orders/updated, 1 orders/edited (for line changes), 2 nothing yet.</param>
    public sealed record MerchantChange(int Kind, int A, int B, int Send) : Move;

    /// <summary>The store sends a snapshot of one version: the newest, or a stale one (<paramref name="Back"/> versions old).</summary>
    public sealed record SendSnapshot(int Back, bool AsPlaced) : Move;

    public sealed record MerchantCancel(bool Send, int Reason) : Move;

    public sealed record Payment(PaymentPlatform Platform, PaymentEvent Event, int Reference, bool WithAmount) : Move;

    /// <summary>A vendor ships: a new shipment, the same one again, or the same one with corrected tracking.</summary>
    public sealed record Ship(int Vendor, int ShipmentNo, int Tracking, int Lines, bool WithVendorOrderId) : Move;

    public sealed record VendorCancel(int Vendor, bool WithReason) : Move;

    /// <summary>A platform answers a command the decider issued: an outstanding one, or (<paramref name="Late"/>) any issued before.</summary>
    /// <param name="Outcome">0 success, 1 transient, 2 transient with Retry-After, 3 permanent.</param>
    public sealed record Answer(int Pick, bool Late, int Outcome, int RetryAfterSeconds, int Found) : Move;

    /// <summary>The timer fires: at a random moment, or (<paramref name="AtWakeAt"/>) when the decider asked to be woken.</summary>
    public sealed record Wake(bool AtWakeAt) : Move;

    public sealed record Retry : Move;

    public sealed record Reevaluate : Move;

    /// <summary>A signal for the order kept failing and was set aside (one of a few ids, so some repeat).</summary>
    public sealed record Abandon(int Signal) : Move;

    /// <summary>A signal already delivered comes again: 0 is the previous one.</summary>
    public sealed record Repeat(int Back) : Move;

    /// <summary>The merchant changes their settings.</summary>
    public sealed record ChangeSettings(SyncSettings Settings) : Move;

    public sealed record History(SyncSettings Settings, Order First, (Move Move, TimeSpan Elapsed)[] Moves)
    {
        public override string ToString() => Describe(this);
    }

    // ---- generators ----

    private static readonly Gen<RetryPolicy> GenRetry =
        Gen.Select(Gen.Int[1, 120], Gen.Int[1, 64], Gen.Int[1, 240], (initial, factor, budgetMinutes) =>
            new RetryPolicy(TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(initial * factor), TimeSpan.FromMinutes(budgetMinutes)));

    private static readonly Customer Merchant = new("Shop", "Owner", "orders@shop.example", "+15555550199");

    /// <summary>Merchant SKUs A, B, C each mapped to a vendor or to none; D and SKU-less lines only ever go to the default vendor.</summary>
    public static readonly Gen<SyncSettings> GenSettings =
        Gen.Select(Gen.Int[0, 7], Gen.Bool, Gen.Bool, Gen.Int[0, 4].Array[3], Gen.Bool, Gen.Int[0, 7], Gen.Bool, Gen.Bool, GenRetry,
            (enabled, onlyIfPaid, pushUnmapped, mapped, overrideContact, targets, propagate, cancelOnReversal, retry) =>
            {
                var builder = SyncSettingsBuilder.ASettings().WithRetry(retry);
                string[] merchantSkus = ["A", "B", "C"];
                for (var i = 0; i < merchantSkus.Length; i++)
                    if (mapped[i] < 3) builder.Mapping(merchantSkus[i], Vendors[mapped[i]]);
                if (pushUnmapped) builder.PushUnmappedTo("v-default");
                if (onlyIfPaid) builder.PushOnlyIfPaid();
                if (enabled == 0) builder.SyncSwitchedOff();
                return builder.Build() with
                {
                    OverrideCustomerInfo = overrideContact,
                    MerchantContact = overrideContact ? Merchant : null,
                    SyncTrackingToShopify = targets != 1,
                    SyncTrackingToPayPal = targets != 2,
                    SyncTrackingToStripe = targets != 3,
                    PropagateLineEdits = propagate,
                    OnPaymentReversal = cancelOnReversal ? PaymentReversalAction.CancelAtVendor : PaymentReversalAction.Hold,
                };
            });

    private static readonly Address[] Addresses =
    [
        new("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null),
        new("Ada", "Lovelace", null, "12 Engine St", "Apt 3", "Boston", "MA", "US", "02101", "+15555550100"),
        new("Ada", "Lovelace", null, "1 Analytical Way", null, "", null, "GB", "N1 9GU", null), // no city: invalid
        new("Ada", "Lovelace", null, "12 Engine St", null, "Boston", null, "US", "02101", null), // no state: invalid
        new("Ada", "Lovelace", null, "1 Harbour Rd", null, "Dublin", null, "IE", null, null), // no postal code needed
    ];

    private static readonly Customer[] Contacts =
    [
        new("Ada", "Lovelace", "ada@example.com", "+15555550100"),
        new("Ada", "Lovelace", "ada@newmail.example", "+15555550100"),
        new("Ada", "King", "ada@example.com", null),
    ];

    public static readonly Gen<Order> GenOrder =
        Gen.Select(
            Gen.Select(Gen.Int[0, Skus.Length - 1], Gen.Int[0, 3], Gen.Int[1, 500]).Array[1, 4],
            Gen.Int[0, Enum.GetValues<PaymentStatus>().Length - 1],
            Gen.Int[0, Addresses.Length],
            Gen.Int[0, Contacts.Length - 1],
            (lines, payment, address, contact) =>
            {
                var builder = OrderBuilder.AnOrder().WithPayment((PaymentStatus)payment);
                foreach (var (sku, quantity, cents) in lines) builder.WithLine(Skus[sku], quantity, cents / 100m);
                var order = builder.Build();
                return order with { ShippingAddress = address < Addresses.Length ? Addresses[address] : null, Customer = Contacts[contact] };
            });

    private static readonly Gen<Move> GenMove = Gen.Frequency(
        (5, Gen.Select(Gen.Int[0, 6], Gen.Int[0, 9], Gen.Int[-2, 3], Gen.Int[0, 2], (k, a, b, s) => (Move)new MerchantChange(k, a, b, s))),
        (4, Gen.Select(Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 4])), Gen.Int[0, 5], (back, placed) => (Move)new SendSnapshot(back, placed == 0))),
        (1, Gen.Select(Gen.Bool, Gen.Int[0, 2], (send, reason) => (Move)new MerchantCancel(send, reason))),
        (3, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 7], Gen.Int[0, 3], Gen.Bool, (p, e, r, a) => (Move)new Payment((PaymentPlatform)p, (PaymentEvent)e, r, a))),
        (5, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool, (v, n, t, l, id) => (Move)new Ship(v, n, t, l, id))),
        (1, Gen.Select(Gen.Int[0, 9], Gen.Bool, (v, r) => (Move)new VendorCancel(v, r))),
        (14, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 9], Gen.Frequency((6, Gen.Const(0)), (2, Gen.Const(1)), (2, Gen.Const(2)), (1, Gen.Const(3))), Gen.Int[0, 4 * 3600], Gen.Int[0, 3],
            (pick, late, outcome, retryAfter, found) => (Move)new Answer(pick, late == 0, outcome, retryAfter, found))),
        (4, Gen.Bool.Select(b => (Move)new Wake(b))),
        (1, Gen.Const<Move>(new Retry())),
        (1, Gen.Const<Move>(new Reevaluate())),
        (1, Gen.Int[0, 2].Select(n => (Move)new Abandon(n))),
        (3, Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 6])).Select(b => (Move)new Repeat(b))),
        (1, GenSettings.Select(s => (Move)new ChangeSettings(s))));

    /// <summary>The clock mostly ticks by seconds to minutes, sometimes not at all, sometimes by hours (so budgets run out).</summary>
    private static readonly Gen<TimeSpan> GenElapsed =
        Gen.Frequency((3, Gen.Const(0)), (4, Gen.Int[0, 120]), (2, Gen.Int[0, 3600]), (1, Gen.Int[0, 6 * 3600])).Select(s => TimeSpan.FromSeconds(s));

    public static readonly Gen<History> GenHistory =
        Gen.Select(GenSettings, GenOrder, Gen.Int[0, 4], Gen.Select(GenMove, GenElapsed).Array[0, 60],
            (settings, first, placedFirst, moves) => new History(settings, first,
                placedFirst > 0 ? [(new SendSnapshot(0, true), TimeSpan.Zero), .. moves] : moves));

    // ---- the world ----

    /// <summary>One decision of a history, with what came before it.</summary>
    public sealed record Step(
        int Index,
        SyncSettings Settings,
        OrderState Before,
        Signal Signal,
        DateTimeOffset Now,
        Decision Decision,
        Signal? PreviousSignal,
        DateTimeOffset PreviousNow,
        Move Move);

    /// <summary>Plays a history from an empty order state, calling <paramref name="step"/> after every decision.</summary>
    public static void Play(History history, Action<Step> step) => new World(history).Run(step);

    private sealed class World(History history)
    {
        private readonly List<Order> _versions = [history.First];
        private readonly List<Signal> _sent = [];
        private readonly List<Command> _outstanding = [];
        private readonly List<Command> _issued = [];
        private readonly Dictionary<(string Vendor, string Shipment), Shipment> _shipments = [];
        private SyncSettings _settings = history.Settings;
        private OrderState _state = OrderState.Empty(Key);
        private DateTimeOffset _now = LifecycleSpec.Start;
        private DateTimeOffset? _wakeAt;
        private int _counter;
        private int _nextLine = 100;

        private Order Latest => _versions[^1];

        public void Run(Action<Step> step)
        {
            var index = 0;
            foreach (var (move, elapsed) in history.Moves)
            {
                _now += elapsed;
                if (Interpret(move) is not { } signal) continue;
                var previous = _sent.Count > 0 ? _sent[^1] : null;
                var previousNow = _previousNow;
                var before = _state;
                var decision = OrderLifecycle.Decide(before, signal, _settings, _now);
                step(new Step(index++, _settings, before, signal, _now, decision, previous, previousNow, move));
                _sent.Add(signal);
                _previousNow = _now;
                _state = decision.State;
                _wakeAt = decision.WakeAt;
                _issued.AddRange(decision.Commands);
                _outstanding.AddRange(decision.Commands);
            }
        }

        private DateTimeOffset _previousNow = LifecycleSpec.Start;

        private Signal? Interpret(Move move)
        {
            switch (move)
            {
                case MerchantChange change: return Change(change);
                case SendSnapshot snapshot:
                    var version = _versions[Math.Max(0, _versions.Count - 1 - snapshot.Back)];
                    return snapshot.AsPlaced ? new OrderPlaced(version) : new OrderUpdated(version);
                case MerchantCancel cancel:
                    if (Latest.CancelledAt is null)
                        AddVersion(Latest with { CancelledAt = NextVersionAt() });
                    return cancel.Send ? new OrderCancelled(Latest, cancel.Reason switch { 0 => null, 1 => "customer", _ => "fraud" }) : null;
                case Payment payment:
                    return new PaymentReported(payment.Platform, payment.Event, Reference(payment), payment.WithAmount ? new Money(12.5m, "USD") : null, _now);
                case Ship ship: return Shipped(ship);
                case VendorCancel cancel:
                    var vendor = PickVendor(cancel.Vendor);
                    return new VendorOrderCancelled(vendor, _state.SubOrder(vendor)?.VendorOrderId, cancel.WithReason ? "out of stock" : null, _now);
                case Answer answer: return Answered(answer);
                case Wake wake:
                    if (wake.AtWakeAt && _wakeAt is { } at && at > _now) _now = at;
                    return new WakeUp();
                case Retry: return new OperatorRetry("ops");
                case Reevaluate: return new OperatorReevaluate("ops");
                case Abandon abandon: return new SignalAbandoned($"shopify:webhook-{abandon.Signal}", nameof(OrderUpdated), "NullReferenceException");
                case Repeat repeat: return _sent.Count == 0 ? null : _sent[Math.Max(0, _sent.Count - 1 - repeat.Back)];
                case ChangeSettings settings:
                    _settings = settings.Settings;
                    return null;
                default: throw new ArgumentOutOfRangeException(nameof(move));
            }
        }

        private DateTimeOffset NextVersionAt() => Latest.UpdatedAt < _now ? _now : Latest.UpdatedAt + TimeSpan.FromSeconds(1);

        private void AddVersion(Order order) => _versions.Add(order with { UpdatedAt = NextVersionAt() });

        private Signal? Change(MerchantChange change)
        {
            var order = Latest;
            var cancelled = order.CancelledAt is not null;
            var lines = order.Lines;
            OrderEdited? edit = null;
            switch (change.Kind)
            {
                // A cancelled order's goods, address and contact no longer change (Shopify forbids editing it); its payment still may.
                case 0 when !cancelled && !lines.IsEmpty:
                    var line = lines[change.A % lines.Length];
                    var quantity = Math.Max(0, line.Quantity + (change.B == 0 ? -line.Quantity : change.B));
                    var delta = quantity - line.Quantity;
                    order = order with { Lines = lines.Replace(line, line with { Quantity = quantity }) };
                    edit = delta == 0 ? null : Edited(delta > 0 ? [new LineDelta(line.LineId, delta)] : [], delta < 0 ? [new LineDelta(line.LineId, -delta)] : []);
                    break;
                case 1 when !cancelled:
                    var added = new OrderLine($"{_nextLine++}", Skus[change.A % Skus.Length], null, $"Added {change.A}", 1 + Math.Abs(change.B) % 3, 7m);
                    order = order with { Lines = lines.Add(added) };
                    edit = Edited([new LineDelta(added.LineId, added.Quantity)], []);
                    break;
                case 2 when !cancelled && !lines.IsEmpty:
                    // A variant swap: the old line goes to zero, a new line with another SKU comes in.
                    var old = lines[change.A % lines.Length];
                    var swapped = new OrderLine($"{_nextLine++}", Skus[(Array.IndexOf(Skus, old.Sku) + 1 + Math.Abs(change.B)) % Skus.Length], null, "Swapped", Math.Max(1, old.Quantity), old.UnitPrice);
                    order = order with { Lines = lines.Replace(old, old with { Quantity = 0 }).Add(swapped) };
                    edit = Edited([new LineDelta(swapped.LineId, swapped.Quantity)], old.Quantity > 0 ? [new LineDelta(old.LineId, old.Quantity)] : []);
                    break;
                case 3 when !cancelled:
                    order = order with { ShippingAddress = change.A % (Addresses.Length + 1) is var a && a < Addresses.Length ? Addresses[a] : null };
                    break;
                case 4 when !cancelled:
                    order = order with { Customer = Contacts[change.A % Contacts.Length] };
                    break;
                case 5:
                    order = order with { PaymentStatus = (PaymentStatus)(change.A % Enum.GetValues<PaymentStatus>().Length) };
                    break;
                case 6 when !cancelled:
                    order = order with { Note = change.A % 2 == 0 ? null : $"note {change.A}", Tags = change.B > 0 ? ["gift"] : [] };
                    break;
                default:
                    return null;
            }
            AddVersion(order);
            return change.Send switch
            {
                0 => new OrderUpdated(Latest),
                1 when edit is not null => edit with { At = Latest.UpdatedAt },
                _ => null,
            };

            OrderEdited Edited(ImmutableArray<LineDelta> additions, ImmutableArray<LineDelta> removals) =>
                new(change.A % 3 == 0 ? null : $"edit-{_versions.Count}", additions, removals, default);
        }

        private string? Reference(Payment payment) => (payment.Platform, payment.Reference) switch
        {
            (_, 0) => null,
            (PaymentPlatform.PayPal, var r) => $"CAP-{r}",
            (PaymentPlatform.Stripe, 1 or 2) => $"pi_{payment.Reference}",
            (PaymentPlatform.Stripe, _) => "ch_3",
            (_, var r) => $"refund-{r}",
        };

        /// <summary>A vendor with a sub-order, mostly; sometimes any vendor (a stray report).</summary>
        private string PickVendor(int pick) =>
            !_state.SubOrders.IsEmpty && pick < 8 ? _state.SubOrders[pick % _state.SubOrders.Length].VendorId : Vendors[pick % Vendors.Length];

        private Signal Shipped(Ship ship)
        {
            var vendor = PickVendor(ship.Vendor);
            var shipmentId = $"shp-{vendor}-{ship.ShipmentNo}";
            var sub = _state.SubOrder(vendor);
            Shipment shipment;
            if (_shipments.TryGetValue((vendor, shipmentId), out var known) && ship.Tracking < 2)
            {
                // The same shipment again: unchanged (a duplicate), or with its tracking corrected.
                shipment = ship.Tracking == 0 ? known : known with
                {
                    TrackingNumbers = [$"1Z{++_counter:D6}"],
                    Carrier = ship.Lines % 2 == 0 ? known.Carrier : "FedEx",
                    TrackingUrls = [$"https://track.example/{_counter}"],
                };
            }
            else
            {
                var numbers = ship.Tracking switch
                {
                    2 => ImmutableArray<string>.Empty,
                    3 => [$"1Z{++_counter:D6}", $"1Z{++_counter:D6}"],
                    _ => [$"1Z{++_counter:D6}"],
                };
                ImmutableArray<ShippedLine> lines = ship.Lines switch
                {
                    // Partial: one unit of the vendor's first line, by its SKU.
                    1 when sub is { Lines: [var first, ..] } => [new ShippedLine(null, first.VendorSku, 1)],
                    2 => [new ShippedLine("x", "UNKNOWN-SKU", 1)],
                    3 when sub is { Lines: [.., var last] } => [new ShippedLine(null, last.VendorSku, last.Quantity)],
                    _ => [],
                };
                shipment = new Shipment(shipmentId, numbers, numbers.IsEmpty ? null : "UPS",
                    numbers.IsEmpty ? [] : [$"https://track.example/{_counter}"], lines, _now);
            }
            _shipments[(vendor, shipmentId)] = shipment;
            return new VendorShipped(vendor, ship.WithVendorOrderId ? sub?.VendorOrderId : null, shipment);
        }

        private Signal? Answered(Answer answer)
        {
            var pool = answer.Late ? _issued : _outstanding;
            if (pool.Count == 0) return null;
            var command = pool[answer.Pick % pool.Count];
            _outstanding.Remove(command);
            var n = ++_counter;
            return answer.Outcome switch
            {
                1 => new CommandFailed(command.Id, FailureKind.Transient, $"503 from the platform ({n})"),
                2 => new CommandFailed(command.Id, FailureKind.Transient, $"429 too many requests ({n})", TimeSpan.FromSeconds(answer.RetryAfterSeconds)),
                3 => new CommandFailed(command.Id, FailureKind.Permanent, $"422 rejected ({n})"),
                _ => command switch
                {
                    PushOrderToVendor push => new VendorOrderCreated(command.Id, $"VO-{push.VendorId}-{n}", answer.Found % 2 == 0 ? $"#V{n}" : null),
                    FindPaymentReferences => new PaymentReferencesFound(command.Id,
                        answer.Found is 1 or 3 ? $"CAP-found-{n}" : null, answer.Found is 2 or 3 ? $"pi_found_{n}" : null),
                    // A created fulfillment or tracker has the platform's id; a correction answers with the same one.
                    ReportTrackingToShopify shopify => new CommandSucceeded(command.Id, shopify.FulfillmentId ?? $"ful-{n}"),
                    ReportTrackingToPayPal paypal => new CommandSucceeded(command.Id, paypal.TrackerId ?? $"trk-{n}"),
                    _ => new CommandSucceeded(command.Id),
                },
            };
        }
    }

    // ---- printing ----

    /// <summary>The history as the decider saw it: each signal, at what time, and the commands it issued.</summary>
    public static string Describe(History history)
    {
        var text = new StringBuilder().AppendLine().AppendLine($"settings: {Describe(history.Settings)}");
        try
        {
            Play(history, step =>
            {
                if (step.Move is ChangeSettings) return;
                text.AppendLine($"  [{step.Index}] {step.Now - LifecycleSpec.Start:g} {Describe(step.Signal)}");
                foreach (var command in step.Decision.Commands) text.AppendLine($"        -> {command.GetType().Name} {command.Id}");
                if (!step.Settings.Equals(history.Settings)) text.AppendLine($"        (settings now: {Describe(step.Settings)})");
            });
        }
        catch (Exception e)
        {
            text.AppendLine($"  (decider threw {e.GetType().Name}: {e.Message})");
        }
        return text.ToString();
    }

    private static string Describe(SyncSettings s) =>
        $"sync={s.EnableOrderSync} onlyIfPaid={s.PushOnlyIfPaid} unmapped={s.PushUnmappedProducts}→{s.DefaultVendorId ?? "null"} " +
        $"mappings=[{string.Join(", ", s.ProductMappings.Select(m => $"{m.MerchantSku}→{m.VendorId}"))}] pii={s.OverrideCustomerInfo} " +
        $"targets={(s.SyncTrackingToShopify ? "S" : "")}{(s.SyncTrackingToPayPal ? "P" : "")}{(s.SyncTrackingToStripe ? "T" : "")} " +
        $"edits={s.PropagateLineEdits} reversal={s.OnPaymentReversal} retry={s.Retry}";

    public static string Describe(Signal signal) => signal switch
    {
        OrderPlaced p => $"OrderPlaced({Describe(p.Order)})",
        OrderUpdated u => $"OrderUpdated({Describe(u.Order)})",
        OrderCancelled c => $"OrderCancelled({Describe(c.Order)}, {c.Reason})",
        OrderEdited e => $"OrderEdited({e.EditId}, +[{string.Join(",", e.Additions.Select(a => $"{a.LineId}:{a.Delta}"))}] -[{string.Join(",", e.Removals.Select(a => $"{a.LineId}:{a.Delta}"))}], {e.At:HH:mm:ss})",
        VendorShipped s => $"VendorShipped({s.VendorId}, {s.VendorOrderId}, {s.Shipment.ShipmentId}, [{string.Join(",", s.Shipment.TrackingNumbers)}] {s.Shipment.Carrier}, lines=[{string.Join(",", s.Shipment.Lines.Select(l => $"{l.Sku}x{l.Quantity}"))}])",
        _ => signal.ToString(),
    };

    private static string Describe(Order o) =>
        $"{o.UpdatedAt:HH:mm:ss} {o.PaymentStatus} lines=[{string.Join(", ", o.Lines.Select(l => $"{l.LineId}:{l.Sku ?? "null"}x{l.Quantity}"))}] " +
        $"to={o.ShippingAddress?.City ?? "none"}/{o.ShippingAddress?.CountryCode} email={o.Customer.Email}{(o.CancelledAt is null ? "" : " CANCELLED")}";
}
