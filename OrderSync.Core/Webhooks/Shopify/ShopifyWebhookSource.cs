using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// Webhooks from Shopify stores: a merchant's store (orders, edits, payments, cancellations, refunds) or a vendor's store
/// (fulfillments with tracking, cancellations), told apart by X-Shopify-Shop-Domain. Verified with the app's secret(s),
/// or a vendor store's own secret(s); de-duplicated by X-Shopify-Webhook-Id.
/// </summary>
public sealed class ShopifyWebhookSource(IOptions<ShopifyOptions> options, MerchantDirectory directory) : IWebhookSource
{
    public const string SourceName = "shopify";
    private readonly string[] _appSecrets = [.. options.Value.WebhookSecrets];

    public string Name => SourceName;

    public ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var vendorSecrets = VendorFor(headers)?.WebhookSecrets ?? [];
        var valid = ShopifyWebhookSignature.IsValid(body.Span, headers.Get(ShopifyHeaders.Hmac), _appSecrets.Concat(vendorSecrets));
        return ValueTask.FromResult(valid ? Authenticity.Authentic : Authenticity.Forged);
    }

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        var topic = headers.Get(ShopifyHeaders.Topic);
        var shop = headers.Get(ShopifyHeaders.ShopDomain);
        var webhookId = headers.Get(ShopifyHeaders.WebhookId);
        if (topic is null) return new WebhookParse.Malformed("X-Shopify-Topic header is missing");
        if (!OrderKey.IsValidShop(shop)) return new WebhookParse.Malformed("X-Shopify-Shop-Domain header is missing or invalid");
        if (webhookId is null) return new WebhookParse.Malformed("X-Shopify-Webhook-Id header is missing");

        var id = $"{SourceName}:{webhookId}";
        var origin = new SignalOrigin(SourceName, topic, headers.Get(ShopifyHeaders.EventId), TriggeredAt(headers), receivedAt);
        try
        {
            using var document = JsonDocument.Parse(body);
            var json = document.RootElement;
            if (json.ValueKind != JsonValueKind.Object) return new WebhookParse.Malformed("the body is not a JSON object");
            InboundSignal? signal = VendorFor(headers) is { } vendor
                ? ShopifyVendorTopics.Read(topic, vendor.Id, json) is var (reference, vendorSignal) ? InboundSignal.ByReference(id, vendorSignal, origin, reference) : null
                : ShopifyMerchantTopics.Read(topic, shop!, json) is var (order, merchantSignal) ? InboundSignal.ForOrder(id, order, merchantSignal, origin) : null;
            return signal is null
                ? new WebhookParse.Ignored($"topic {topic} is not used from store {shop}")
                : new WebhookParse.Accepted(webhookId, [signal]);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return new WebhookParse.Malformed(e.Message);
        }
    }

    private VendorOptions? VendorFor(WebhookHeaders headers) =>
        headers.Get(ShopifyHeaders.ShopDomain) is { } shop ? directory.ShopifyVendor(shop) : null;

    private static DateTimeOffset? TriggeredAt(WebhookHeaders headers) =>
        DateTimeOffset.TryParse(headers.Get(ShopifyHeaders.TriggeredAt), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
