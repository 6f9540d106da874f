using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Webhooks.Shopify;

/// <summary>
/// Shopify's webhook signature: base64 HMAC-SHA256 of the raw body, keyed with the app's client secret
/// (shopify.dev/docs/apps/build/webhooks/verify-deliveries). Several secrets are accepted so one can be rotated.
/// </summary>
public static class ShopifyWebhookSignature
{
    private const int DigestBytes = 32;

    public static string Compute(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, IEnumerable<string> secrets)
    {
        Span<byte> claimed = stackalloc byte[DigestBytes];
        if (string.IsNullOrEmpty(signature)
            || !Convert.TryFromBase64String(signature.Trim(), claimed, out var length)
            || length != DigestBytes)
            return false;

        Span<byte> expected = stackalloc byte[DigestBytes];
        var valid = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
            valid |= CryptographicOperations.FixedTimeEquals(expected, claimed); // no early exit: time does not tell which secret matched
        }
        return valid;
    }
}
