using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>Webhooks from merchant Shopify stores: verified with the app secret(s), de-duplicated by webhook id.</summary>
public sealed class ShopifyWebhookSource(IOptions<ShopifyOptions> options) : IWebhookSource
{
    public const string SourceName = "shopify";
    private readonly string[] _secrets = [.. options.Value.WebhookSecrets];

    public string Name => SourceName;

    public ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ShopifyWebhookSignature.IsValid(body.Span, headers.Get(ShopifyHeaders.Hmac), _secrets) ? Authenticity.Authentic : Authenticity.Forged);

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var topic = headers.Get(ShopifyHeaders.Topic);
        var shop = headers.Get(ShopifyHeaders.ShopDomain);
        var webhookId = headers.Get(ShopifyHeaders.WebhookId);
        if (topic is null) return new WebhookParse.Malformed("X-Shopify-Topic header is missing");
        if (!OrderKey.IsValidShop(shop)) return new WebhookParse.Malformed("X-Shopify-Shop-Domain header is missing or invalid");
        if (webhookId is null) return new WebhookParse.Malformed("X-Shopify-Webhook-Id header is missing");

        if (topic != "orders/create") return new WebhookParse.Ignored($"topic {topic} is not used");

        Order order;
        try
        {
            using var document = JsonDocument.Parse(body);
            order = ShopifyOrderNormalizer.Normalize(document.RootElement, shop!);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return new WebhookParse.Malformed(e.Message);
        }

        var origin = new SignalOrigin(SourceName, topic, headers.Get(ShopifyHeaders.EventId), TriggeredAt(headers), receivedAt);
        return new WebhookParse.Accepted(webhookId, [InboundSignal.ForOrder($"{SourceName}:{webhookId}", order.Key, new OrderPlaced(order), origin)]);
    }

    private static DateTimeOffset? TriggeredAt(WebhookHeaders headers) =>
        DateTimeOffset.TryParse(headers.Get(ShopifyHeaders.TriggeredAt), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
