using System.Text;
using StripeEvents = global::Stripe.EventUtility;

namespace OrderSync.Core.Webhooks.Stripe;

/// <summary>
/// Stripe's webhook signature, checked by Stripe.net itself: <c>EventUtility.ValidateSignature(json, header, secret,
/// tolerance, utcNow)</c> (stripe/stripe-dotnet src/Stripe.net/Services/Events/EventUtility.cs; Stripe.net 53.1.0 ships
/// that overload). The <c>Stripe-Signature</c> header is <c>t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>; only v1 counts;
/// the signed payload is "{t}.{body}"; a timestamp further than the tolerance from now, either way, is refused.
/// </summary>
public static class StripeWebhookSignature
{
    public const string Header = "Stripe-Signature";

    // Stripe signs the raw bytes; Stripe.net takes text. A strict decoder makes that round trip exact: bytes that are not
    // UTF-8 are refused rather than replaced (replacement would make different bodies decode to the same text).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when one of <paramref name="secrets"/> signed this body within the tolerance; any failure is false.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, IReadOnlyCollection<string> secrets, TimeSpan tolerance, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header) || secrets.Count == 0) return false;
        string json;
        try
        {
            json = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var valid = false;
        foreach (var secret in secrets)
            valid |= IsValid(json, header, secret, (long)tolerance.TotalSeconds, now.ToUnixTimeSeconds()); // no early exit: time does not tell which secret matched
        return valid;
    }

    private static bool IsValid(string json, string header, string secret, long toleranceSeconds, long utcNow)
    {
        try
        {
            StripeEvents.ValidateSignature(json, header, secret, toleranceSeconds, utcNow);
            return true;
        }
        catch (Exception)
        {
            // StripeException for a wrong, missing or stale signature or a malformed header; FormatException or
            // OverflowException from its timestamp parse. Whatever Stripe.net throws, the delivery is not proven authentic.
            return false;
        }
    }
}
