using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>PAYPAL-CERT-URL is fetched only over https from an allowed host: the certificate decides what is authentic.</summary>
[TestClass]
public sealed class PayPalCertificateUrlTests
{
    private static readonly IReadOnlyList<string> Defaults = PayPalOptions.DefaultCertificateHosts;

    [TestMethod]
    [DataRow(PayPalVector.CertUrl, DisplayName = "the vector's sandbox URL")]
    [DataRow("https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-ad47cb8d")]
    [DataRow("https://api-m.paypal.com/v1/notifications/certs/CERT-1")]
    [DataRow("https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1")]
    [DataRow("https://API.PayPal.com/v1/notifications/certs/CERT-1", DisplayName = "host case does not matter")]
    public void PayPal_hosts_over_https_are_allowed(string url)
    {
        Assert.IsTrue(PayPalCertificateUrl.TryAllow(url, [.. Defaults], out var allowed));
        Assert.AreEqual(new Uri(url), allowed);
    }

    [TestMethod]
    [DataRow("http://api.paypal.com/v1/notifications/certs/CERT-1", DisplayName = "http")]
    [DataRow("https://evil.example.com/v1/notifications/certs/CERT-1", DisplayName = "another host")]
    [DataRow("https://api.paypal.com.evil.example.com/cert", DisplayName = "PayPal's host as a prefix")]
    [DataRow("https://evilapi.paypal.com/cert", DisplayName = "a suffix match is not enough")]
    [DataRow("https://www.paypal.com/cert", DisplayName = "a PayPal host not on the list")]
    [DataRow("https://api.paypal.com@evil.example.com/cert", DisplayName = "PayPal's host as user info")]
    [DataRow("https://user:pass@api.paypal.com/v1/notifications/certs/CERT-1", DisplayName = "credentials in the URL")]
    [DataRow("ftp://api.paypal.com/cert", DisplayName = "ftp")]
    [DataRow("file:///etc/passwd", DisplayName = "a file")]
    [DataRow("/v1/notifications/certs/CERT-1", DisplayName = "relative")]
    [DataRow("https://127.0.0.1/cert", DisplayName = "loopback")]
    [DataRow("", DisplayName = "empty")]
    [DataRow(null, DisplayName = "missing")]
    public void Anything_else_is_refused(string? url) => Assert.IsFalse(PayPalCertificateUrl.TryAllow(url, [.. Defaults], out _));

    [TestMethod]
    public void Defaults_are_PayPal_API_hosts_only_and_not_loopback()
    {
        CollectionAssert.AreEquivalent(new[] { "api.paypal.com", "api.sandbox.paypal.com", "api-m.paypal.com", "api-m.sandbox.paypal.com" }, Defaults.ToArray());
        Assert.IsFalse(Defaults.Any(h => h.Contains("127.0.0.1") || h.Contains("localhost")));
        CollectionAssert.AreEqual(Defaults.ToArray(), new PayPalOptions().EffectiveCertificateHosts.ToArray());
    }

    [TestMethod]
    public void A_configured_list_replaces_the_defaults()
    {
        var options = new PayPalOptions { CertificateHosts = ["127.0.0.1"] };

        Assert.IsTrue(PayPalCertificateUrl.TryAllow("https://127.0.0.1:5443/v1/notifications/certs/CERT-1", [.. options.EffectiveCertificateHosts], out _));
        Assert.IsFalse(PayPalCertificateUrl.TryAllow("http://127.0.0.1:5443/v1/notifications/certs/CERT-1", [.. options.EffectiveCertificateHosts], out _), "still https only");
        Assert.IsFalse(PayPalCertificateUrl.TryAllow(PayPalVector.CertUrl, [.. options.EffectiveCertificateHosts], out _));
    }
}
