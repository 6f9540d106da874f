using Microsoft.Extensions.Logging;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// Webhooks from the merchant's PayPal REST app (POST /api/webhooks/paypal): verified offline or online
/// (<see cref="Configuration.PayPalOptions.Verification"/>), de-duplicated by the event id, normalized by
/// <see cref="PayPalEventNormalizer"/>.
/// <para>
/// No staleness bound is put on PAYPAL-TRANSMISSION-TIME: PayPal resends a failed notification 25 times over three
/// days (developer.paypal.com/docs/integration/direct/webhooks/notification-messages/) and documents nowhere that a
/// resend is signed with a new transmission time, so a bound could refuse PayPal's own retries. A replayed delivery
/// is harmless: it carries the same event id, which the ingress de-duplicates and the order applies once.
/// </para>
/// </summary>
public sealed class PayPalWebhookSource(IPayPalSignatureVerifier verifier, ILogger<PayPalWebhookSource> logger) : IWebhookSource
{
    public const string SourceName = "paypal";

    public string Name => SourceName;

    public async ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (PayPalTransmission.From(headers) is not { } transmission)
        {
            logger.LogWarning("PayPal webhook without the PAYPAL-TRANSMISSION-ID/-TIME/-SIG, PAYPAL-CERT-URL and PAYPAL-AUTH-ALGO headers");
            return Authenticity.Forged;
        }
        return await verifier.VerifyAsync(transmission, body, receivedAt, cancellationToken);
    }

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        PayPalEventNormalizer.Normalize(body, receivedAt);
}
