using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Webhooks;

/// <summary>
/// HMAC-SHA256 signatures as webhook senders make them: keyed with a UTF-8 secret, compared in constant time with the
/// digest the sender claims, against every configured secret (several while one is rotated).
/// </summary>
public static class WebhookHmac
{
    public const int DigestBytes = 32;

    public static byte[] Compute(ReadOnlySpan<byte> message, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);

    public static string ComputeBase64(ReadOnlySpan<byte> message, string secret) => Convert.ToBase64String(Compute(message, secret));

    /// <summary>A base64 digest of the message (Shopify's and ShipHero's form); surrounding whitespace is ignored.</summary>
    public static bool IsValidBase64(ReadOnlySpan<byte> message, string? signature, IEnumerable<string> secrets)
    {
        Span<byte> claimed = stackalloc byte[DigestBytes];
        return !string.IsNullOrEmpty(signature)
            && Convert.TryFromBase64String(signature.Trim(), claimed, out var length)
            && length == DigestBytes
            && MatchesAny(message, claimed, secrets);
    }

    /// <summary>True when <paramref name="claimed"/> is the message's digest under one of the secrets.</summary>
    public static bool MatchesAny(ReadOnlySpan<byte> message, ReadOnlySpan<byte> claimed, IEnumerable<string> secrets)
    {
        if (claimed.Length != DigestBytes) return false;
        Span<byte> expected = stackalloc byte[DigestBytes];
        var valid = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, expected);
            valid |= CryptographicOperations.FixedTimeEquals(expected, claimed); // no early exit: time does not tell which secret matched
        }
        return valid;
    }
}
