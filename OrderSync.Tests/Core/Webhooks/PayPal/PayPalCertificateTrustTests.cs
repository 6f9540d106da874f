using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>
/// The rules of paypal/PayPal-Java-SDK SSLUtil.validateCertificateChain: a trusted chain, valid dates, and a CN
/// messageverificationcerts….paypal.com. The vector's certificate has expired, so it is checked at the vector's time.
/// </summary>
[TestClass]
public sealed class PayPalCertificateTrustTests
{
    private static X509Certificate2 Vector() => PayPalSamples.VectorCertificate();

    private static string? Problem(PayPalCertificateTrust trust, X509Certificate2 certificate, DateTimeOffset at) =>
        trust.Problem(certificate, [certificate], at);

    [TestMethod]
    public void The_vector_certificate_pinned_is_trusted_at_the_time_of_the_vector()
    {
        using var certificate = Vector();
        Assert.IsNull(Problem(PayPalCertificateTrust.Pinned(certificate), certificate, PayPalVector.ReceivedAt));
    }

    [TestMethod]
    public void The_vector_certificate_has_expired_today()
    {
        using var certificate = Vector();
        var problem = Problem(PayPalCertificateTrust.Pinned(certificate), certificate, DateTimeOffset.UtcNow);
        StringAssert.Contains(problem, "not valid at");
    }

    [TestMethod]
    public void Before_its_validity_the_certificate_is_refused()
    {
        using var certificate = Vector();
        StringAssert.Contains(Problem(PayPalCertificateTrust.Pinned(certificate), certificate, new DateTimeOffset(2019, 4, 1, 0, 0, 0, TimeSpan.Zero)), "not valid at");
    }

    [TestMethod]
    public void A_self_signed_certificate_in_PayPal_name_is_refused_against_the_system_roots()
    {
        using var forged = SelfSigned("CN=messageverificationcerts.paypal.com");
        StringAssert.Contains(Problem(PayPalCertificateTrust.SystemRoots, forged, DateTimeOffset.UtcNow), "chain is not trusted");
    }

    [TestMethod]
    public void A_certificate_that_is_not_pinned_is_refused()
    {
        using var pinned = Vector();
        using var other = SelfSigned("CN=messageverificationcerts.sandbox.paypal.com");
        StringAssert.Contains(Problem(PayPalCertificateTrust.Pinned(pinned), other, DateTimeOffset.UtcNow), "not one of the pinned");
    }

    [TestMethod]
    [DataRow("CN=evil.example.com")]
    [DataRow("CN=messageverificationcerts.paypal.com.evil.example.com")]
    [DataRow("CN=api.paypal.com")]
    public void A_certificate_for_another_name_is_refused_even_when_pinned(string subject)
    {
        using var certificate = SelfSigned(subject);
        StringAssert.Contains(Problem(PayPalCertificateTrust.Pinned(certificate), certificate, DateTimeOffset.UtcNow), "not to PayPal's messageverificationcerts");
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }
}
