namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// What PayPal sends about one transmission of a webhook, in its headers. Names as PayPal documents them for
/// verify-webhook-signature (developer.paypal.com/api/webhooks/v1/definitions/verify_webhook_signature) and as
/// paypal/PayPal-Java-SDK reads them (Constants.PAYPAL_HEADER_*); header names are case-insensitive.
/// </summary>
public sealed record PayPalTransmission(string Id, string Time, string Signature, string CertUrl, string AuthAlgo)
{
    public const string IdHeader = "PAYPAL-TRANSMISSION-ID";
    public const string TimeHeader = "PAYPAL-TRANSMISSION-TIME";
    public const string SignatureHeader = "PAYPAL-TRANSMISSION-SIG";
    public const string CertUrlHeader = "PAYPAL-CERT-URL";
    public const string AuthAlgoHeader = "PAYPAL-AUTH-ALGO";

    /// <returns>The transmission, or null when a header is missing: such a delivery cannot be PayPal's.</returns>
    public static PayPalTransmission? From(WebhookHeaders headers) =>
        headers[IdHeader] is { } id && headers[TimeHeader] is { } time && headers[SignatureHeader] is { } signature
        && headers[CertUrlHeader] is { } certUrl && headers[AuthAlgoHeader] is { } algo
            ? new PayPalTransmission(id.Trim(), time.Trim(), signature.Trim(), certUrl.Trim(), algo.Trim())
            : null;
}
