using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>
/// PayPal's published offline-verification vector. Source: paypal/PayPal-Java-SDK,
/// rest-api-sdk/src/test/java/com/paypal/base/ValidateCertTest.java (setUp and testValidEndpoint), with
/// rest-api-sdk/src/test/resources/clientCertTest.crt; the body and certificate are in samples/paypal/.
/// </summary>
public static class PayPalVector
{
    public const string WebhookId = "0FV983392A0531201";
    public const string TransmissionId = "afa30d40-ca4a-11e9-ab68-7d4e2605c70c";
    public const string TransmissionTime = "2019-08-29T10:49:33Z";
    public const string AuthAlgo = "SHA256withRSA";
    public const string CertUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270";
    public const string Signature =
        "K7DF5+hOyGS6v0xTZ9PkEO+BFNQmpryxw2hFlXbHgmxpu+883ldEC9HcL6ccEmB8sfy80y/Q3qcZZL1MR8Qi0e1ysylVj/yROgKK6zBsQPoNmgXC8yTiNoAjULuhk5Aoau0Itk3nrkgAfji1zvADlErMFM9VZe2nDvhM3nDMLjCi/K5fRjWp3eGo6Nx17GX/WIEibeKDyS+YdJMex3i+KO4aWmm9zznC/FJ5Y/ntd0MxOJNrM0r0f3y7c3e3sO5pB3oPgN6KzKVS5P6AWHqtS8acD3DjgCKZ1uqKz7q954G1aBz2/m0wRGOFFsv0/D3FE2uIheRRmoQtVSOAX7Aupg==";

    /// <summary>CRC-32 of the body as an unsigned decimal: above 2^31, so a signed rendering would break the vector.</summary>
    public const uint BodyCrc32 = 3674300368;

    /// <summary>A moment the certificate was valid at: half a minute after the transmission.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2019, 8, 29, 10, 50, 3, TimeSpan.Zero);

    public static PayPalTransmission Transmission(string? certUrl = null, string? signature = null) =>
        new(TransmissionId, TransmissionTime, signature ?? Signature, certUrl ?? CertUrl, AuthAlgo);

    public static WebhookHeaders Headers(string? certUrl = null) => new(new Dictionary<string, string>
    {
        [PayPalTransmission.IdHeader] = TransmissionId,
        [PayPalTransmission.TimeHeader] = TransmissionTime,
        [PayPalTransmission.SignatureHeader] = Signature,
        [PayPalTransmission.CertUrlHeader] = certUrl ?? CertUrl,
        [PayPalTransmission.AuthAlgoHeader] = AuthAlgo,
    });
}
