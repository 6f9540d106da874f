using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Telemetry;

/// <summary>
/// OrderSync's spans and metrics. The metric names and tags are those of infra/README.md ("Telemetry the monitoring reads"):
/// the Azure workbook and alerts query them by name. No tag ever holds customer data, a secret or free text.
/// </summary>
public static class OrderSyncTelemetry
{
    /// <summary>The name of both the ActivitySource and the Meter.</summary>
    public const string Name = "OrderSync";

    /// <summary>Shop domain and numeric order id: identifies the order, holds nothing of the buyer.</summary>
    public const string OrderKeyTag = "ordersync.order_key";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> WebhooksReceived = Meter.CreateCounter<long>(
        "ordersync.webhooks.received", "{delivery}", "Webhook deliveries by source, topic and outcome");
    private static readonly Histogram<double> PushDuration = Meter.CreateHistogram<double>(
        "ordersync.push.duration", "ms", "How long a push of an order to a vendor took, by vendor kind and outcome");
    private static readonly Histogram<double> TrackingLag = Meter.CreateHistogram<double>(
        "ordersync.tracking.lag", "s", "From a vendor's shipment to its tracking first reported to a target");
    private static readonly Counter<long> AttentionRaised = Meter.CreateCounter<long>(
        "ordersync.attention.raised", "{item}", "Attention items raised, by kind");
    private static readonly Histogram<double> QueueLag = Meter.CreateHistogram<double>(
        "ordersync.queue.lag", "s", "From a signal's arrival (a wake-up's due time) to its processing");

    /// <summary>A span about one order; null when nobody listens.</summary>
    public static Activity? StartActivity(string name, OrderKey order) => Source.StartActivity(name)?.SetTag(OrderKeyTag, order.ToString());

    /// <summary>
    /// The span of one queued signal's processing, in the trace of the span that queued it (the webhook's, or the signal's
    /// that scheduled a wake-up). OpenTelemetry's messaging conventions say a consumer's process span SHOULD link to the
    /// message's creation context and, as it handles a single message, MAY take it as parent: it does both, so the webhook,
    /// its signal and their commands read as one trace, and the link still marks the hop through the queue.
    /// </summary>
    public static Activity? StartSignalActivity(SignalEnvelope envelope)
    {
        var queuedBy = envelope.Trace?.Context();
        return Source.StartActivity("ordersync.signal", ActivityKind.Consumer, queuedBy ?? default,
                links: queuedBy is { } context ? [new ActivityLink(context)] : null)
            ?.SetTag(OrderKeyTag, envelope.Order.ToString())
            .SetTag("ordersync.signal_type", envelope.Signal.GetType().Name);
    }

    /// <param name="outcome">One of <see cref="Webhooks.WebhookResult.Outcome"/>'s values.</param>
    public static void WebhookReceived(string source, string? topic, string outcome) =>
        WebhooksReceived.Add(1, new("source", source), new("topic", topic ?? "unknown"), new("outcome", outcome));

    /// <summary>A push's duration; outcome is succeeded, transient or permanent.</summary>
    public static void Pushed(VendorKind? kind, Signal outcome, TimeSpan elapsed) =>
        PushDuration.Record(elapsed.TotalMilliseconds,
            new("vendor_kind", kind?.ToString() ?? "unknown"),
            new("outcome", outcome is CommandFailed failed ? failed.Kind.ToString().ToLowerInvariant() : "succeeded"));

    public static void SignalDequeued(SignalEnvelope envelope, DateTimeOffset now)
    {
        // A wake-up is enqueued invisible until it is due: its lag counts from then, not from when it was scheduled.
        var due = envelope.Signal is WakeUp && envelope.Origin.OccurredAt is { } at ? at : envelope.Origin.ReceivedAt;
        QueueLag.Record(Seconds(now - due));
    }

    /// <summary>What a saved decision changed that the monitoring counts: attention raised, shipments first reported to a target.</summary>
    public static void Decided(OrderState before, OrderState after, DateTimeOffset now)
    {
        foreach (var raised in after.Attention.Where(a => !before.Attention.Any(b => b.Key == a.Key && b.Reason == a.Reason)))
            AttentionRaised.Add(1, new KeyValuePair<string, object?>("reason", KindOf(raised)));

        foreach (var sub in after.SubOrders)
        {
            foreach (var shipment in sub.Shipments)
            {
                var earlier = before.SubOrder(sub.VendorId)?.Shipments.FirstOrDefault(s => s.ShipmentId == shipment.ShipmentId);
                foreach (var report in shipment.Reports.Where(r => earlier?.ReportTo(r.Target) is null))
                    TrackingLag.Record(Seconds(now - shipment.ShippedAt), new KeyValuePair<string, object?>("target", report.Target.ToString().ToLowerInvariant()));
            }
        }
    }

    /// <summary>The key's prefix ("cancelled-after-shipment" of "cancelled-after-shipment:vendor-a"): the reason itself is free text.</summary>
    private static string KindOf(Attention attention) => attention.Key.Split(':', 2)[0];

    private static double Seconds(TimeSpan lag) => Math.Max(0, lag.TotalSeconds);
}
