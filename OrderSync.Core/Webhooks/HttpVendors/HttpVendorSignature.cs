using System.Globalization;
using System.Text;

namespace OrderSync.Core.Webhooks.HttpVendors;

/// <summary>
/// OrderSync's vendor webhook signature (docs/http-vendor-api.md), the scheme Stripe uses for its own webhooks:
/// <c>X-OrderSync-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>, each v1 the lower-case hex
/// HMAC-SHA256 of "{t}.{raw body}" keyed with one of the vendor's secrets (several while a secret is rotated; other keys
/// are ignored). A timestamp more than <see cref="Tolerance"/> away from the time of receipt, either way, is refused.
/// </summary>
public static class HttpVendorSignature
{
    public const string Header = "X-OrderSync-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    /// <summary>More v1 entries than this make the header unreadable: the work of checking one is bounded.</summary>
    public const int MaxSignatures = 5;

    /// <summary>The header a vendor sends: one v1 per secret given (two while rotating).</summary>
    public static string Sign(ReadOnlySpan<byte> body, long timestamp, params string[] secrets)
    {
        var payload = SignedPayload(timestamp, body);
        return $"t={timestamp}," + string.Join(',', secrets.Select(secret => "v1=" + Convert.ToHexStringLower(WebhookHmac.Compute(payload, secret))));
    }

    public static SignatureCheck Check(string? header, ReadOnlySpan<byte> body, IReadOnlyCollection<string> secrets, DateTimeOffset receivedAt)
    {
        if (!TryParse(header, out var timestamp, out var signatures)) return SignatureCheck.Unreadable;
        if (Math.Abs(receivedAt.ToUnixTimeSeconds() - timestamp) > (long)Tolerance.TotalSeconds) return SignatureCheck.OutsideTolerance;
        var payload = SignedPayload(timestamp, body);
        var valid = false;
        foreach (var signature in signatures) valid |= WebhookHmac.MatchesAny(payload, signature, secrets);
        return valid ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The bytes signed: the timestamp's decimal digits, a full stop, then the raw body.</summary>
    public static byte[] SignedPayload(long timestamp, ReadOnlySpan<byte> body) =>
        [.. Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."), .. body];

    internal static bool TryParse(string? header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrWhiteSpace(header)) return false;
        var hasTimestamp = false;
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0) return false;
            var (key, value) = (item[..equals].Trim(), item[(equals + 1)..].Trim());
            if (key == "t")
            {
                if (hasTimestamp || value.Length is 0 or > 12 || !value.All(char.IsAsciiDigit)) return false;
                timestamp = long.Parse(value, CultureInfo.InvariantCulture);
                hasTimestamp = true;
            }
            else if (key == "v1")
            {
                if (value.Length != 2 * WebhookHmac.DigestBytes || !value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')) return false;
                signatures.Add(Convert.FromHexString(value));
            }
        }
        return hasTimestamp && signatures.Count is > 0 and <= MaxSignatures;
    }
}

public enum SignatureCheck
{
    Valid,

    /// <summary>Missing, or not "t=…,v1=…" with one timestamp and 1 to <see cref="HttpVendorSignature.MaxSignatures"/> lower-case hex digests.</summary>
    Unreadable,

    /// <summary>The timestamp is more than <see cref="HttpVendorSignature.Tolerance"/> before or after the time of receipt.</summary>
    OutsideTolerance,

    /// <summary>No v1 is the digest under any of the vendor's secrets.</summary>
    Mismatch,
}
