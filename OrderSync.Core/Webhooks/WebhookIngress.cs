using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// Every webhook's way in, whatever the host: size limit, signature, parse, de-duplication, queue.
/// It answers 200 only once the signals are durably queued; nothing of the body is ever logged.
/// </summary>
public sealed class WebhookIngress(
    IEnumerable<IWebhookSource> sources,
    WebhookDeduplicator deliveries,
    SignalRouter router,
    IOptions<IngressOptions> options,
    TimeProvider time,
    ILogger<WebhookIngress> logger)
{
    private readonly Dictionary<string, IWebhookSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    private readonly long _maxBodyBytes = options.Value.MaxBodyBytes;

    /// <param name="account">The route's optional account segment, e.g. the vendor id of /api/webhooks/vendors/{vendorId}.</param>
    public async Task<WebhookResult> HandleAsync(
        string sourceName, string? account, WebhookHeaders headers, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        // An unknown source is not counted: its name is whatever the caller put in the route.
        if (!_sources.TryGetValue(sourceName, out var source)) return WebhookResult.UnknownSource(sourceName);
        using var activity = OrderSyncTelemetry.Source.StartActivity("ordersync.webhook")?.SetTag("ordersync.source", source.Name);
        var (result, topic) = await ReceiveAsync(source, account, headers, body, contentLength, activity, cancellationToken);
        OrderSyncTelemetry.WebhookReceived(source.Name, topic, result.Outcome);
        activity?.SetTag("ordersync.topic", topic).SetTag("ordersync.outcome", result.Outcome);
        return result.StatusCode == 200 ? result with { Reply = source.SuccessReply } : result;
    }

    /// <returns>The answer, and the delivery's topic once it is authentic and read.</returns>
    private async Task<(WebhookResult, string?)> ReceiveAsync(
        IWebhookSource source, string? account, WebhookHeaders headers, Stream body, long? contentLength, Activity? activity, CancellationToken cancellationToken)
    {
        if (contentLength > _maxBodyBytes) return (Refuse(source, WebhookResult.TooLarge(_maxBodyBytes)), null);
        var bytes = await BoundedBody.ReadAsync(body, _maxBodyBytes, cancellationToken);
        if (bytes is null) return (Refuse(source, WebhookResult.TooLarge(_maxBodyBytes)), null);
        var receivedAt = time.GetUtcNow();
        switch (await source.VerifyAsync(account, headers, bytes, receivedAt, cancellationToken))
        {
            case Authenticity.Forged: return (Refuse(source, WebhookResult.Unauthorized()), null);
            case Authenticity.Unverifiable: return (Refuse(source, WebhookResult.CannotVerify()), null);
        }

        return Parse(source, account, headers, bytes, receivedAt) switch
        {
            WebhookParse.Malformed m => (Refuse(source, WebhookResult.Malformed(m.Reason)), null),
            WebhookParse.Ignored i => (WebhookResult.Ignored(i.Reason), null),
            WebhookParse.Accepted a => (await QueueAsync(source, a, activity, cancellationToken), a.Signals.FirstOrDefault()?.Origin.Topic),
            _ => throw new InvalidOperationException("unknown parse outcome"),
        };
    }

    /// <summary>A parser's slip on hostile input (e.g. invalid UTF-8 inside a JSON string) is a malformed body, never a 500.</summary>
    private static WebhookParse Parse(IWebhookSource source, string? account, WebhookHeaders headers, byte[] body, DateTimeOffset receivedAt)
    {
        try
        {
            return source.Parse(account, headers, body, receivedAt);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new WebhookParse.Malformed(e.Message);
        }
    }

    /// <summary>
    /// Queues first and claims the delivery id after (two storage round trips for a new delivery); a redelivery found by
    /// the claim is answered as a duplicate once its messages are taken back.
    /// </summary>
    private async Task<WebhookResult> QueueAsync(IWebhookSource source, WebhookParse.Accepted delivery, Activity? activity, CancellationToken cancellationToken)
    {
        var queued = new List<QueuedMessage>();
        try
        {
            foreach (var signal in delivery.Signals)
            {
                var routed = await router.RouteAsync(signal, cancellationToken);
                if (routed.Message is not null) queued.Add(routed.Message);
                if (routed.Order is not null) activity?.SetTag(OrderSyncTelemetry.OrderKeyTag, routed.Order.ToString());
                logger.LogInformation("{Source} delivery {DeliveryId}: {SignalType} {Outcome}", source.Name, delivery.DeliveryId,
                    signal.Signal.GetType().Name, routed.Order is null ? "parked until its order is known" : $"queued for order {routed.Order}");
            }
        }
        catch (Exception e) when (e is SignalQueueUnavailableException or RequestFailedException)
        {
            logger.LogError(e, "{Source} delivery {DeliveryId} could not be queued", source.Name, delivery.DeliveryId);
            return WebhookResult.Unavailable();
        }

        if (await IsFirstDeliveryAsync(source, delivery.DeliveryId, cancellationToken))
            return WebhookResult.Accepted(delivery.Signals.Count);
        await WithdrawAsync(source, delivery.DeliveryId, queued, cancellationToken);
        return WebhookResult.Duplicate();
    }

    /// <summary>Best effort: a message left in the queue is a signal its order has applied already, so it is dropped there.</summary>
    private async Task WithdrawAsync(IWebhookSource source, string deliveryId, List<QueuedMessage> queued, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var message in queued) await router.WithdrawAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Source} redelivery {DeliveryId} queued again and not taken back", source.Name, deliveryId);
        }
    }

    private async Task<bool> IsFirstDeliveryAsync(IWebhookSource source, string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            return await deliveries.ClaimAsync(source.Name, deliveryId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Already queued: a redelivery may queue it again, and the order applies a signal id only once.
            logger.LogWarning(e, "{Source} delivery {DeliveryId} queued but not remembered", source.Name, deliveryId);
            return true;
        }
    }

    private WebhookResult Refuse(IWebhookSource source, WebhookResult result)
    {
        logger.LogWarning("{Source} webhook refused with {StatusCode}: {Reason}", source.Name, result.StatusCode, result.Reason);
        return result;
    }
}
