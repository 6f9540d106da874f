using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Sandbox.PayPal;

/// <summary>
/// Signs webhooks as PayPal does: SHA256withRSA over transmissionId|transmissionTime|webhookId|crc32(body), base64 in
/// PAYPAL-TRANSMISSION-SIG, with the certificate's URL in PAYPAL-CERT-URL. Its certificate bears PayPal's sandbox
/// signing name but is self-signed, so only a verifier that pins it trusts it.
/// </summary>
public sealed class PayPalWebhookSigner : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public PayPalWebhookSigner(string certificateId = "CERT-360caa42-simulator")
    {
        CertificateId = certificateId;
        var request = new CertificateRequest("CN=messageverificationcerts.sandbox.paypal.com, O=OrderSync PayPal simulator", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var signed = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Certificate = X509CertificateLoader.LoadCertificate(signed.RawData); // the public part only, as PayPal serves it
    }

    public string CertificateId { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <returns>The five PAYPAL-* headers of a transmission of <paramref name="body"/>.</returns>
    public IReadOnlyDictionary<string, string> Sign(ReadOnlySpan<byte> body, string webhookId, Uri certificateUrl, DateTimeOffset transmittedAt, string? transmissionId = null)
    {
        var id = transmissionId ?? Guid.NewGuid().ToString();
        var time = transmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var message = PayPalSignature.Message(id, time, webhookId, body);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new Dictionary<string, string>
        {
            [PayPalTransmission.IdHeader] = id,
            [PayPalTransmission.TimeHeader] = time,
            [PayPalTransmission.SignatureHeader] = Convert.ToBase64String(signature),
            [PayPalTransmission.CertUrlHeader] = certificateUrl.AbsoluteUri,
            [PayPalTransmission.AuthAlgoHeader] = PayPalSignature.Sha256WithRsa,
        };
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
