using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Sandbox;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Core.Webhooks.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>
/// Offline verification end to end over loopback https: the certificate is downloaded from PAYPAL-CERT-URL (served by
/// the PayPal simulator), checked, cached, and its key verifies the signature. PayPal's own vector (paypal/PayPal-Java-SDK
/// ValidateCertTest) is verified with its expired certificate pinned and the clock at the time of the vector.
/// </summary>
[TestClass]
public sealed class PayPalOfflineVerificationTests
{
    private const string VectorCertId = "CERT-360caa42-fca2a594-1d93a270";
    private static PayPalSimulator _simulator = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        _simulator = await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);
        _simulator.ServeCertificate(VectorCertId, PayPalSamples.VectorCertificatePem());
    }

    [ClassCleanup]
    public static async Task StopAsync() => await _simulator.DisposeAsync();

    private static string VectorCertUrl => _simulator.CertificateUrl(VectorCertId).AbsoluteUri;

    private static PayPalWebhookSource VectorSource(PayPalOptions? options = null, TimeProvider? time = null) =>
        PayPalTestSources.Offline(_simulator, options ?? PayPalTestSources.OfflineOptions(PayPalVector.WebhookId),
            PayPalCertificateTrust.Pinned(PayPalSamples.VectorCertificate()), time);

    private static Task<Authenticity> VerifyVector(PayPalWebhookSource source, byte[]? body = null, WebhookHeaders? headers = null, DateTimeOffset? at = null) =>
        source.VerifyAsync(null, headers ?? PayPalVector.Headers(VectorCertUrl), body ?? PayPalSamples.VectorEvent(), at ?? PayPalVector.ReceivedAt, CancellationToken.None).AsTask();

    private static int CertificateDownloads() => _simulator.Received.Count(r => r.Endpoint == "certs");

    [TestMethod]
    public async Task PayPal_published_vector_is_authentic_with_its_certificate_fetched_over_https()
    {
        var before = CertificateDownloads();

        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(VectorSource()));
        Assert.AreEqual(before + 1, CertificateDownloads());
    }

    [TestMethod]
    public async Task The_vector_received_today_is_forged_because_its_certificate_has_expired() =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), at: DateTimeOffset.UtcNow));

    [TestMethod]
    public async Task A_forged_signature_is_forged()
    {
        var headers = new Dictionary<string, string>
        {
            [PayPalTransmission.IdHeader] = PayPalVector.TransmissionId,
            [PayPalTransmission.TimeHeader] = PayPalVector.TransmissionTime,
            [PayPalTransmission.SignatureHeader] = "A" + PayPalVector.Signature[1..],
            [PayPalTransmission.CertUrlHeader] = VectorCertUrl,
            [PayPalTransmission.AuthAlgoHeader] = PayPalVector.AuthAlgo,
        };
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), headers: new WebhookHeaders(headers)));
    }

    [TestMethod]
    public async Task Another_webhook_id_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(PayPalTestSources.OfflineOptions("NotToBeFound"))));

    [TestMethod]
    public async Task A_truncated_body_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), PayPalSamples.VectorEvent()[..^10]));

    [TestMethod]
    public async Task A_re_encoded_body_is_forged()
    {
        var pretty = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(PayPalSamples.VectorEvent()).Replace(",\"", ", \"", StringComparison.Ordinal));
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), pretty));
    }

    [TestMethod]
    [DataRow("https://evil.example.com/v1/notifications/certs/CERT-1", DisplayName = "a host that is not PayPal's")]
    [DataRow("https://api.paypal.com.evil.example.com/v1/notifications/certs/CERT-1", DisplayName = "PayPal's host as a prefix")]
    public async Task A_certificate_URL_on_another_host_is_forged_without_being_fetched(string certUrl)
    {
        var before = CertificateDownloads();

        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), headers: PayPalVector.Headers(certUrl)));
        Assert.AreEqual(before, CertificateDownloads());
    }

    [TestMethod]
    public async Task A_certificate_URL_over_http_is_forged_without_being_fetched()
    {
        var before = CertificateDownloads();
        var http = new UriBuilder(VectorCertUrl) { Scheme = "http" }.Uri.AbsoluteUri;

        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), headers: PayPalVector.Headers(http)));
        Assert.AreEqual(before, CertificateDownloads());
    }

    [TestMethod]
    public async Task With_the_default_hosts_the_loopback_certificate_is_never_fetched()
    {
        var before = CertificateDownloads();
        var defaults = new PayPalOptions { WebhookId = PayPalVector.WebhookId };

        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(defaults)));
        Assert.AreEqual(before, CertificateDownloads());
    }

    [TestMethod]
    [DataRow(503)]
    [DataRow(500)]
    public async Task A_certificate_server_error_is_unverifiable_and_not_cached(int status)
    {
        var source = VectorSource();
        _simulator.FailNext("certs", new PayPalFault.ServerError(status));

        Assert.AreEqual(Authenticity.Unverifiable, await VerifyVector(source));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(source), "PayPal's retry succeeds once the certificate can be fetched");
    }

    [TestMethod]
    public async Task A_rate_limited_certificate_download_is_unverifiable()
    {
        _simulator.FailNext("certs", new PayPalFault.RateLimited(2));
        Assert.AreEqual(Authenticity.Unverifiable, await VerifyVector(VectorSource()));
    }

    [TestMethod]
    public async Task A_certificate_download_slower_than_the_timeout_is_unverifiable()
    {
        _simulator.FailNext("certs", new PayPalFault.Stall(TimeSpan.FromSeconds(30)));
        var options = PayPalTestSources.OfflineOptions(PayPalVector.WebhookId);
        options.RequestTimeout = TimeSpan.FromMilliseconds(500);

        Assert.AreEqual(Authenticity.Unverifiable, await VerifyVector(VectorSource(options)));
    }

    [TestMethod]
    public async Task An_unreachable_certificate_host_is_unverifiable()
    {
        var unreachable = $"https://127.0.0.1:{LoopbackPorts.Free()}/v1/notifications/certs/{VectorCertId}";
        Assert.AreEqual(Authenticity.Unverifiable, await VerifyVector(VectorSource(), headers: PayPalVector.Headers(unreachable)));
    }

    [TestMethod]
    public async Task A_certificate_URL_that_serves_no_certificate_is_forged()
    {
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), headers: PayPalVector.Headers(_simulator.CertificateUrl("CERT-unknown").AbsoluteUri)));
        _simulator.FailNext("certs", new PayPalFault.MalformedBody());
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource()));
    }

    [TestMethod]
    public async Task The_certificate_is_fetched_once_and_again_after_the_cache_duration()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = PayPalTestSources.OfflineOptions(PayPalVector.WebhookId);
        options.CertificateCacheDuration = TimeSpan.FromHours(1);
        var source = VectorSource(options, time);
        var before = CertificateDownloads();

        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(source));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(source));
        Assert.AreEqual(before + 1, CertificateDownloads());

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(source));
        Assert.AreEqual(before + 2, CertificateDownloads());
    }

    [TestMethod]
    [DataRow(PayPalTransmission.IdHeader)]
    [DataRow(PayPalTransmission.TimeHeader)]
    [DataRow(PayPalTransmission.SignatureHeader)]
    [DataRow(PayPalTransmission.CertUrlHeader)]
    [DataRow(PayPalTransmission.AuthAlgoHeader)]
    public async Task A_missing_header_is_forged(string missing)
    {
        var headers = new Dictionary<string, string>
        {
            [PayPalTransmission.IdHeader] = PayPalVector.TransmissionId,
            [PayPalTransmission.TimeHeader] = PayPalVector.TransmissionTime,
            [PayPalTransmission.SignatureHeader] = PayPalVector.Signature,
            [PayPalTransmission.CertUrlHeader] = VectorCertUrl,
            [PayPalTransmission.AuthAlgoHeader] = PayPalVector.AuthAlgo,
        };
        headers.Remove(missing);
        Assert.AreEqual(Authenticity.Forged, await VerifyVector(VectorSource(), headers: new WebhookHeaders(headers)));
    }

    [TestMethod]
    public async Task Header_names_are_case_insensitive()
    {
        var lower = new WebhookHeaders(new Dictionary<string, string>
        {
            ["paypal-transmission-id"] = PayPalVector.TransmissionId,
            ["paypal-transmission-time"] = PayPalVector.TransmissionTime,
            ["paypal-transmission-sig"] = PayPalVector.Signature,
            ["paypal-cert-url"] = VectorCertUrl,
            ["paypal-auth-algo"] = PayPalVector.AuthAlgo,
        });
        Assert.AreEqual(Authenticity.Authentic, await VerifyVector(VectorSource(), headers: lower));
    }

    [TestMethod]
    public async Task A_webhook_signed_by_the_simulator_is_authentic_when_its_certificate_is_pinned()
    {
        var body = PayPalSamples.CaptureCompleted();
        var headers = new WebhookHeaders(_simulator.Sign(body, "5GP028458E2496506"));
        var source = PayPalTestSources.Offline(_simulator, PayPalTestSources.OfflineOptions("5GP028458E2496506"), PayPalCertificateTrust.Pinned(_simulator.Signer.Certificate));

        Assert.AreEqual(Authenticity.Authentic, await source.VerifyAsync(null, headers, body, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [TestMethod]
    public async Task A_self_signed_certificate_in_PayPal_name_is_forged_against_the_system_roots()
    {
        var body = PayPalSamples.CaptureCompleted();
        var headers = new WebhookHeaders(_simulator.Sign(body, "5GP028458E2496506"));
        var source = PayPalTestSources.Offline(_simulator, PayPalTestSources.OfflineOptions("5GP028458E2496506"), PayPalCertificateTrust.SystemRoots);

        Assert.AreEqual(Authenticity.Forged, await source.VerifyAsync(null, headers, body, DateTimeOffset.UtcNow, CancellationToken.None));
    }
}
