using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// Verifies a PayPal webhook without calling PayPal's verify API, as paypal/PayPal-Java-SDK Event.validateReceivedEvent
/// does: the certificate at PAYPAL-CERT-URL (allowed host, https) must be PayPal's and trusted at the time of receipt,
/// and its public key must verify PAYPAL-TRANSMISSION-SIG over transmissionId|transmissionTime|webhookId|crc32(body).
/// A certificate that cannot be fetched now answers Unverifiable (503): PayPal resends the notification
/// "25 times over the course of three days" (developer.paypal.com/docs/integration/direct/webhooks/notification-messages/).
/// </summary>
public sealed class PayPalOfflineVerifier(
    PayPalCertificateStore certificates,
    PayPalCertificateTrust trust,
    IOptions<PayPalOptions> options,
    ILogger<PayPalOfflineVerifier> logger) : IPayPalSignatureVerifier
{
    private readonly string _webhookId = options.Value.WebhookId ?? "";
    private readonly string[] _hosts = [.. options.Value.EffectiveCertificateHosts];

    public async Task<Authenticity> VerifyAsync(PayPalTransmission transmission, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!string.Equals(transmission.AuthAlgo, PayPalSignature.Sha256WithRsa, StringComparison.OrdinalIgnoreCase))
            return Forged("PAYPAL-AUTH-ALGO {Algo} is not SHA256withRSA", transmission.AuthAlgo);
        if (!PayPalCertificateUrl.TryAllow(transmission.CertUrl, _hosts, out var certUrl))
            return Forged("PAYPAL-CERT-URL is not https on an allowed PayPal host: {CertUrl}", transmission.CertUrl);

        X509Certificate2Collection chain;
        try
        {
            chain = await certificates.GetAsync(certUrl, cancellationToken);
        }
        catch (PayPalCertificateUnavailableException e)
        {
            logger.LogWarning("PayPal certificate {CertUrl} could not be fetched now: {Reason}", certUrl, e.Message);
            return Authenticity.Unverifiable;
        }
        catch (PayPalCertificateRejectedException e)
        {
            return Forged("PAYPAL-CERT-URL {CertUrl} did not serve a certificate: {Reason}", certUrl, e.Message);
        }

        var leaf = chain[0];
        if (trust.Problem(leaf, chain, receivedAt) is { } problem)
            return Forged("PayPal certificate {CertUrl} is not trusted: {Reason}", certUrl, problem);

        using var key = leaf.GetRSAPublicKey();
        if (key is null) return Forged("PayPal certificate {CertUrl} holds no RSA key", certUrl);
        var message = PayPalSignature.Message(transmission.Id, transmission.Time, _webhookId, body.Span);
        return PayPalSignature.IsValid(message, transmission.Signature, transmission.AuthAlgo, key)
            ? Authenticity.Authentic
            : Forged("PayPal transmission {TransmissionId}: the signature does not match the body and webhook id", transmission.Id);
    }

    private Authenticity Forged(string message, params object?[] args)
    {
#pragma warning disable CA2254 // the templates are the constants above
        logger.LogWarning(message, args);
#pragma warning restore CA2254
        return Authenticity.Forged;
    }
}
