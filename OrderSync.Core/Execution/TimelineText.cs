using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;

namespace OrderSync.Core.Execution;

/// <summary>How signals, decisions and commands read in an order's timeline.</summary>
public static class TimelineText
{
    public static IReadOnlyList<TimelineEntry> For(Signal signal, SignalOrigin? origin, Decision decision, DateTimeOffset at)
    {
        var entries = new List<TimelineEntry> { Describe(signal, origin, at) };
        entries.AddRange(decision.Notes.Select(note => new TimelineEntry(at, "decision", note)));
        entries.AddRange(decision.Commands.Select(command => new TimelineEntry(at, "command", Describe(command))));
        return entries;
    }

    private static TimelineEntry Describe(Signal signal, SignalOrigin? origin, DateTimeOffset at)
    {
        var from = origin is null ? "" : $" ({origin.Source}{(origin.Topic is null ? "" : " " + origin.Topic)}{(origin.EventId is null ? "" : ", event " + origin.EventId)})";
        return signal switch
        {
            OrderPlaced p => new TimelineEntry(at, "signal", $"order {p.Order.Name} placed{from}"),
            VendorOrderCreated c => new TimelineEntry(at, "signal", $"{c.CommandId} succeeded: vendor order {c.VendorOrderName ?? c.VendorOrderId}"),
            CommandFailed f => new TimelineEntry(at, "signal", $"{f.CommandId} failed ({f.Kind.ToString().ToLowerInvariant()})", f.Reason),
            WakeUp => new TimelineEntry(at, "signal", "scheduled wake-up"),
            OperatorRetry r => new TimelineEntry(at, "signal", $"retry requested by {r.Operator}"),
            OrderUpdated u => new TimelineEntry(at, "signal", $"order {u.Order.Name} updated{from}"),
            OrderEdited e => new TimelineEntry(at, "signal", $"order edited: {e.Additions.Length} line change(s) added, {e.Removals.Length} removed{from}"),
            OrderCancelled c => new TimelineEntry(at, "signal", $"order {c.Order.Name} cancelled ({c.Reason ?? "no reason given"}){from}"),
            CommandSucceeded s => new TimelineEntry(at, "signal", $"{s.CommandId} succeeded{(s.Reference is null ? "" : $": {s.Reference}")}"),
            PaymentReferencesFound f => new TimelineEntry(at, "signal", $"{f.CommandId} succeeded: PayPal capture {f.PayPalCaptureId ?? "none"}, Stripe PaymentIntent {f.StripePaymentIntentId ?? "none"}"),
            SignalAbandoned a => new TimelineEntry(at, "signal", $"signal {a.SignalId} ({a.Kind}) set aside after repeated failures", a.Error),
            OperatorReevaluate r => new TimelineEntry(at, "signal", $"re-evaluation requested by {r.Operator}"),
            PaymentReported p => new TimelineEntry(at, "signal",
                $"{p.Platform} payment {p.Event.ToString().ToLowerInvariant()}{(p.Amount is { } m ? $" {m.Amount} {m.Currency}" : "")}{(p.Reference is null ? "" : $" ({p.Reference})")}{from}"),
            VendorShipped v => new TimelineEntry(at, "signal",
                $"vendor {v.VendorId} shipped {v.Shipment.Lines.Sum(l => l.Quantity)} unit(s), tracking {string.Join(", ", v.Shipment.TrackingNumbers.DefaultIfEmpty("none"))}{from}"),
            VendorOrderCancelled c => new TimelineEntry(at, "signal", $"vendor {c.VendorId} cancelled its order {c.VendorOrderId} ({c.Reason ?? "no reason given"}){from}"),
            _ => new TimelineEntry(at, "signal", signal.GetType().Name + from),
        };
    }

    private static string Describe(Command command) => $"{OrderLifecycle.Describe(command)} ({command.Id})";
}
