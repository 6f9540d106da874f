using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;

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
        if (!_sources.TryGetValue(sourceName, out var source)) return WebhookResult.UnknownSource(sourceName);
        if (contentLength > _maxBodyBytes) return Refuse(source, WebhookResult.TooLarge(_maxBodyBytes));
        var bytes = await BoundedBody.ReadAsync(body, _maxBodyBytes, cancellationToken);
        if (bytes is null) return Refuse(source, WebhookResult.TooLarge(_maxBodyBytes));
        var receivedAt = time.GetUtcNow();
        switch (await source.VerifyAsync(account, headers, bytes, receivedAt, cancellationToken))
        {
            case Authenticity.Forged: return Refuse(source, WebhookResult.Unauthorized());
            case Authenticity.Unverifiable: return Refuse(source, WebhookResult.CannotVerify());
        }

        var result = Parse(source, account, headers, bytes, receivedAt) switch
        {
            WebhookParse.Malformed m => Refuse(source, WebhookResult.Malformed(m.Reason)),
            WebhookParse.Ignored i => WebhookResult.Ignored(i.Reason),
            WebhookParse.Accepted a => await QueueAsync(source, a, cancellationToken),
            _ => throw new InvalidOperationException("unknown parse outcome"),
        };
        return result.StatusCode == 200 ? result with { Reply = source.SuccessReply } : result;
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

    private async Task<WebhookResult> QueueAsync(IWebhookSource source, WebhookParse.Accepted delivery, CancellationToken cancellationToken)
    {
        if (await SeenAsync(source, delivery.DeliveryId, cancellationToken)) return WebhookResult.Duplicate();
        try
        {
            foreach (var signal in delivery.Signals)
            {
                var order = await router.RouteAsync(signal, cancellationToken);
                logger.LogInformation("{Source} delivery {DeliveryId}: {SignalType} {Outcome}", source.Name, delivery.DeliveryId,
                    signal.Signal.GetType().Name, order is null ? "parked until its order is known" : $"queued for order {order}");
            }
        }
        catch (Exception e) when (e is SignalQueueUnavailableException or RequestFailedException)
        {
            logger.LogError(e, "{Source} delivery {DeliveryId} could not be queued", source.Name, delivery.DeliveryId);
            return WebhookResult.Unavailable();
        }

        try
        {
            await deliveries.RememberAsync(source.Name, delivery.DeliveryId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Already queued: a redelivery may queue it again, and the order applies a signal id only once.
            logger.LogWarning(e, "{Source} delivery {DeliveryId} queued but not remembered", source.Name, delivery.DeliveryId);
        }
        return WebhookResult.Accepted(delivery.Signals.Count);
    }

    private async Task<bool> SeenAsync(IWebhookSource source, string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            return await deliveries.HasSeenAsync(source.Name, deliveryId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unknown is treated as new: better queued twice than lost.
            logger.LogWarning(e, "could not check {Source} delivery {DeliveryId} for duplicates", source.Name, deliveryId);
            return false;
        }
    }

    private WebhookResult Refuse(IWebhookSource source, WebhookResult result)
    {
        logger.LogWarning("{Source} webhook refused with {StatusCode}: {Reason}", source.Name, result.StatusCode, result.Reason);
        return result;
    }
}
