namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// PAYPAL-CERT-URL names the certificate whose key decides whether a delivery is authentic, and the header comes
/// with the delivery: a URL anywhere but PayPal lets the sender sign with a key of their own. So the URL must be
/// https on a host of an explicit allow-list (exact host names: no suffix match, no credentials in the URL).
/// </summary>
public static class PayPalCertificateUrl
{
    public static bool TryAllow(string? url, IReadOnlyCollection<string> allowedHosts, out Uri certificateUrl)
    {
        certificateUrl = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.UserInfo.Length > 0
            || !allowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
            return false;
        certificateUrl = uri;
        return true;
    }
}
