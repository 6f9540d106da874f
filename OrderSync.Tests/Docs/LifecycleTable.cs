using System.Collections.Immutable;
using System.Text;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Docs;

/// <summary>
/// The lifecycle as a table of state × signal → what OrderSync does, computed by running the decider itself on one
/// order (a mug and a tee, both fulfilled by one vendor), so the table in docs/lifecycle.md cannot drift from the code.
/// </summary>
public static class LifecycleTable
{
    private const string Vendor = "vendor-a";
    private static readonly DateTimeOffset Start = LifecycleSpec.Start;
    private static readonly SyncSettings Settings = new() { ProductMappings = [new("MUG", Vendor, "A-MUG"), new("TEE", Vendor, "A-TEE")] };
    private static readonly Order Paid = OrderBuilder.AnOrder().WithLine("MUG").WithLine("TEE").Build();
    private static readonly string Push = IdempotencyKeys.Push(Paid.Key, Vendor);

    private sealed record Row(string Name, SyncSettings Settings, Signal[] History);

    private sealed record Column(string Name, Func<OrderState, Signal?> Signal);

    private static readonly Row[] Rows =
    [
        new("held: awaiting payment (push only if paid)", Settings with { PushOnlyIfPaid = true }, [new OrderPlaced(Paid with { PaymentStatus = PaymentStatus.Pending })]),
        new("held: order sync switched off", Settings with { EnableOrderSync = false }, [new OrderPlaced(Paid)]),
        new("pushing: push sent, no answer yet", Settings, [new OrderPlaced(Paid)]),
        new("pushed: at the vendor, nothing shipped", Settings, [new OrderPlaced(Paid), new VendorOrderCreated(Push, "5001", "#V5001")]),
        new("pushed: the vendor shipped part", Settings, [new OrderPlaced(Paid), new VendorOrderCreated(Push, "5001", "#V5001"), Shipped("S1", "A-MUG", "1Z999AA10123456784")]),
        new("shipped: everything, tracking reported", Settings,
        [
            new OrderPlaced(Paid), new VendorOrderCreated(Push, "5001", "#V5001"), Shipped("S1", null, "1Z999AA10123456784"),
            new CommandSucceeded(IdempotencyKeys.Report(Paid.Key, TrackingTarget.Shopify, Vendor, "S1", 0), "gid://shopify/Fulfillment/1"),
            new PaymentReferencesFound(IdempotencyKeys.PaymentReferences(Paid.Key), null, null),
        ]),
        new("failed: the vendor refused the push", Settings, [new OrderPlaced(Paid), new CommandFailed(Push, FailureKind.Permanent, "vendor answered 422: SKU A-MUG unknown")]),
        new("cancelled", Settings,
        [
            new OrderPlaced(Paid), new VendorOrderCreated(Push, "5001", "#V5001"), new OrderCancelled(Paid with { CancelledAt = Start.AddHours(1), UpdatedAt = Start.AddHours(1) }, "customer"),
            new CommandSucceeded(IdempotencyKeys.Cancel(Paid.Key, Vendor)),
        ]),
    ];

    private static readonly Column[] Columns =
    [
        new("payment captured", _ => new PaymentReported(PaymentPlatform.Stripe, PaymentEvent.Captured, "pi_3Mtw", new Money(20m, "USD"), Start.AddHours(2))),
        new("address changed", s => new OrderUpdated(Newer(s) with { ShippingAddress = s.Order!.ShippingAddress! with { Address1 = "2 Difference Engine Rd" } })),
        new("quantity changed", s => new OrderUpdated(Newer(s) with { Lines = [.. s.Order!.Lines.Select((l, i) => i == 0 ? l with { Quantity = l.Quantity + 1 } : l)] })),
        new("order cancelled", s => new OrderCancelled(Newer(s) with { CancelledAt = Start.AddHours(2) }, "customer")),
        new("PayPal dispute", _ => new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Disputed, "8MC585209K746392H", new Money(20m, "USD"), Start.AddHours(2))),
        new("vendor shipped the rest", _ => Shipped("S2", null, "9400100000000000000000")),
        new("vendor cancelled", _ => new VendorOrderCancelled(Vendor, "5001", "out of stock", Start.AddHours(2))),
        new("command succeeded", s => InFlight(s) is { } c ? c is PushOrderToVendor ? new VendorOrderCreated(c.Id, "5001", "#V5001") : new CommandSucceeded(c.Id) : null),
        new("transient failure", s => InFlight(s) is { } c ? new CommandFailed(c.Id, FailureKind.Transient, "503 Service Unavailable") : null),
        new("permanent failure", s => InFlight(s) is { } c ? new CommandFailed(c.Id, FailureKind.Permanent, "422 Unprocessable") : null),
        new("signal set aside (poisoned)", _ => new SignalAbandoned("shopify:webhook-9", nameof(OrderUpdated), "NullReferenceException")),
        new("operator retry", _ => new OperatorRetry("ops")),
    ];

    /// <summary>The table in Markdown: a row per state, a column per signal; each cell says what is sent and where the vendor's part ends.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"| state ↓ / signal → | {string.Join(" | ", Columns.Select(c => c.Name))} |");
        text.AppendLine($"|---|{string.Concat(Columns.Select(_ => "---|"))}");
        foreach (var row in Rows)
        {
            var (state, now) = Given(row);
            var cells = Columns.Select(c => c.Signal(state) is { } signal ? Cell(state, OrderLifecycle.Decide(state, signal, row.Settings, now)) : "n/a");
            text.AppendLine($"| **{row.Name}** | {string.Join(" | ", cells)} |");
        }
        return text.ToString();
    }

    private static (OrderState State, DateTimeOffset Now) Given(Row row)
    {
        var state = OrderState.Empty(Paid.Key);
        var now = Start;
        foreach (var signal in row.History)
        {
            state = OrderLifecycle.Decide(state, signal, row.Settings, now).State;
            now = now.AddMinutes(1);
        }
        return (state, now);
    }

    private static string Cell(OrderState before, Decision decision)
    {
        var parts = decision.Commands.Select(Verb).ToList();
        var was = before.SubOrder(Vendor);
        var now = decision.State.SubOrder(Vendor);
        if (now?.Status != was?.Status) parts.Add($"→ {Name(now?.Status)}");
        else if (before.Order?.CancelledAt is null && decision.State.Order?.CancelledAt is not null) parts.Add(was?.Status == SubOrderStatus.Pushing ? "order marked cancelled: the push in flight is cancelled once confirmed" : "order marked cancelled");
        if (decision.State.Work.Count(w => w.Status == WorkStatus.WaitingToRetry) > before.Work.Count(w => w.Status == WorkStatus.WaitingToRetry)) parts.Add("retry later");
        if (decision.State.Work.Count(w => w.Status == WorkStatus.Failed) > before.Work.Count(w => w.Status == WorkStatus.Failed)) parts.Add("step failed");
        if (decision.State.OpenAttention.Count() > before.OpenAttention.Count()) parts.Add("needs attention");
        if (decision.State.OpenAttention.Count() < before.OpenAttention.Count()) parts.Add("attention acknowledged");
        return parts.Count == 0 ? "—" : string.Join("; ", parts);
    }

    private static string Verb(Command command) => command switch
    {
        PushOrderToVendor => "push",
        UpdateVendorOrder => "update vendor order",
        EditVendorOrderLines => "edit vendor lines",
        CancelVendorOrder => "cancel at vendor",
        ReportTrackingToShopify r => r.FulfillmentId is null ? "Shopify fulfillment" : "correct Shopify tracking",
        ReportTrackingToPayPal r => r.TrackerId is null ? "PayPal tracker" : "correct PayPal tracker",
        ReportTrackingToStripe => "Stripe tracking",
        FindPaymentReferences => "look up payment ids",
        _ => command.GetType().Name,
    };

    private static string Name(SubOrderStatus? status) => status?.ToString().ToLowerInvariant() ?? "none";

    private static Command? InFlight(OrderState state) => state.Work.FirstOrDefault(w => w.Status == WorkStatus.InFlight)?.Command;

    private static Order Newer(OrderState state) => state.Order! with { UpdatedAt = state.Order.UpdatedAt.AddHours(2) };

    private static VendorShipped Shipped(string id, string? sku, string number) => new(Vendor, "5001",
        new Shipment(id, [number], "UPS", [], sku is null ? [] : [new ShippedLine(null, sku, 1)], Start.AddMinutes(30)));
}
