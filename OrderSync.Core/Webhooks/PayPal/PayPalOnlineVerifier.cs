using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.PayPal;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// Verifies a PayPal webhook by asking PayPal: POST /v1/notifications/verify-webhook-signature with the transmission
/// headers, the configured webhook id and the event exactly as received; verification_status SUCCESS is authentic,
/// FAILURE is forged (developer.paypal.com/api/webhooks/v1/verify-webhook-signature-post). When PayPal cannot answer
/// (network, timeout, 5xx, 429, a refused or unobtainable token) the delivery is Unverifiable (503) and PayPal retries it.
/// </summary>
public sealed class PayPalOnlineVerifier(
    PayPalApiClient api,
    PayPalAccessTokens tokens,
    IOptions<PayPalOptions> options,
    ILogger<PayPalOnlineVerifier> logger) : IPayPalSignatureVerifier
{
    private readonly string _webhookId = options.Value.WebhookId ?? "";

    public async Task<Authenticity> VerifyAsync(PayPalTransmission transmission, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var check = new PayPalSignatureCheck(transmission.AuthAlgo, transmission.CertUrl, transmission.Id, transmission.Signature, transmission.Time, _webhookId);
        string token;
        try
        {
            token = await tokens.GetAsync(cancellationToken);
        }
        catch (PlatformException e)
        {
            logger.LogError("PayPal access token could not be obtained, so webhooks cannot be verified: {Reason}", e.Reason);
            return Authenticity.Unverifiable;
        }

        try
        {
            var status = await api.VerifyWebhookSignatureAsync(token, check, body, cancellationToken);
            if (status == "SUCCESS") return Authenticity.Authentic;
            logger.LogWarning("PayPal transmission {TransmissionId}: verify-webhook-signature answered {Status}", transmission.Id, status);
            return status == "FAILURE" ? Authenticity.Forged : Authenticity.Unverifiable;
        }
        catch (JsonException)
        {
            logger.LogWarning("PayPal transmission {TransmissionId}: the body is not JSON, so it is not a PayPal event", transmission.Id);
            return Authenticity.Forged;
        }
        catch (PayPalTokenRefusedException e)
        {
            tokens.Invalidate(token);
            logger.LogWarning("PayPal transmission {TransmissionId} not verified now: {Reason}", transmission.Id, e.Message);
            return Authenticity.Unverifiable;
        }
        catch (PlatformException e)
        {
            logger.LogWarning("PayPal transmission {TransmissionId} not verified: {Reason}", transmission.Id, e.Reason);
            return e.Kind == FailureKind.Transient ? Authenticity.Unverifiable : Authenticity.Forged;
        }
    }
}
