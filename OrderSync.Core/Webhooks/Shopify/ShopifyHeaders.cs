namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>Shopify's webhook headers, under their classic "X-Shopify-" names or the un-prefixed names of newer deliveries.</summary>
internal static class ShopifyHeaders
{
    public const string Hmac = "Hmac-Sha256";
    public const string Topic = "Topic";
    public const string ShopDomain = "Shop-Domain";
    public const string WebhookId = "Webhook-Id";
    public const string EventId = "Event-Id";
    public const string TriggeredAt = "Triggered-At";

    public static string? Get(this WebhookHeaders headers, string name) =>
        headers[$"X-Shopify-{name}"] ?? headers[$"shopify-{name}"];
}
