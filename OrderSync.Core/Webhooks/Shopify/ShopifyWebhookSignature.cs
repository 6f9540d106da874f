namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// Shopify's webhook signature: base64 HMAC-SHA256 of the raw body, keyed with the app's client secret
/// (shopify.dev/docs/apps/build/webhooks/verify-deliveries). Several secrets are accepted so one can be rotated.
/// </summary>
public static class ShopifyWebhookSignature
{
    public static string Compute(ReadOnlySpan<byte> body, string secret) => WebhookHmac.ComputeBase64(body, secret);

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, IEnumerable<string> secrets) =>
        WebhookHmac.IsValidBase64(body, signature, secrets);
}
