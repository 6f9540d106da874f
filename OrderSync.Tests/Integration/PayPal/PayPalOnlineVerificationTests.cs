using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Sandbox;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>
/// Online verification against the PayPal simulator over loopback https: an OAuth2 client-credentials token (cached
/// until it expires), then POST /v1/notifications/verify-webhook-signature with the event exactly as received.
/// </summary>
[TestClass]
public sealed class PayPalOnlineVerificationTests
{
    private const string WebhookId = "5GP028458E2496506";
    private static PayPalSimulator _simulator = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) =>
        _simulator = await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);

    [ClassCleanup]
    public static async Task StopAsync() => await _simulator.DisposeAsync();

    private static PayPalWebhookSource Source(TimeProvider? time = null, Action<OrderSync.Core.Configuration.PayPalOptions>? configure = null)
    {
        var options = PayPalTestSources.OnlineOptions(_simulator, WebhookId);
        configure?.Invoke(options);
        return PayPalTestSources.Online(_simulator, options, time);
    }

    private static async Task<Authenticity> Deliver(PayPalWebhookSource source, byte[]? body = null, byte[]? signedBody = null)
    {
        body ??= PayPalSamples.CaptureCompleted();
        var headers = new WebhookHeaders(_simulator.Sign(signedBody ?? body, WebhookId));
        return await source.VerifyAsync(null, headers, body, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private static int Calls(string endpoint) => _simulator.Received.Count(r => r.Endpoint == endpoint);

    [TestMethod]
    public async Task A_webhook_PayPal_signed_is_authentic()
    {
        Assert.AreEqual(Authenticity.Authentic, await Deliver(Source()));
    }

    [TestMethod]
    public async Task The_request_carries_the_transmission_headers_the_webhook_id_and_the_event_as_received()
    {
        var body = PayPalSamples.DisputeCreated(); // single-line JSON with PayPal's own spacing
        var headers = _simulator.Sign(body, WebhookId);

        await Source().VerifyAsync(null, new WebhookHeaders(headers), body, DateTimeOffset.UtcNow, CancellationToken.None);

        var request = _simulator.Received.Last(r => r.Endpoint == "verify").Body!;
        Assert.AreEqual(headers[PayPalTransmission.AuthAlgoHeader], request["auth_algo"]!.GetValue<string>());
        Assert.AreEqual(headers[PayPalTransmission.CertUrlHeader], request["cert_url"]!.GetValue<string>());
        Assert.AreEqual(headers[PayPalTransmission.IdHeader], request["transmission_id"]!.GetValue<string>());
        Assert.AreEqual(headers[PayPalTransmission.SignatureHeader], request["transmission_sig"]!.GetValue<string>());
        Assert.AreEqual(headers[PayPalTransmission.TimeHeader], request["transmission_time"]!.GetValue<string>());
        Assert.AreEqual(WebhookId, request["webhook_id"]!.GetValue<string>());
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(body), request["webhook_event"]), "webhook_event is the event object, not a string");
    }

    [TestMethod]
    public async Task A_tampered_body_is_forged()
    {
        var signed = PayPalSamples.CaptureCompleted();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("\"57.00\"", "\"5700.00\"", StringComparison.Ordinal));

        Assert.AreEqual(Authenticity.Forged, await Deliver(Source(), tampered, signedBody: signed));
    }

    [TestMethod]
    public async Task A_webhook_for_another_subscription_is_forged()
    {
        var body = PayPalSamples.CaptureCompleted();
        var headers = new WebhookHeaders(_simulator.Sign(body, "OTHERWEBHOOK"));

        Assert.AreEqual(Authenticity.Forged, await Source().VerifyAsync(null, headers, body, DateTimeOffset.UtcNow, CancellationToken.None));
    }

    [TestMethod]
    public async Task A_body_that_is_not_JSON_is_forged_without_asking_PayPal()
    {
        var source = Source();
        await Deliver(source); // token in hand
        var before = Calls("verify");

        Assert.AreEqual(Authenticity.Forged, await Deliver(source, Encoding.UTF8.GetBytes("not json")));
        Assert.AreEqual(before, Calls("verify"));
    }

    [TestMethod]
    public async Task The_token_is_requested_once_and_reused()
    {
        var source = Source();
        var before = Calls("token");

        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
        Assert.AreEqual(before + 1, Calls("token"));
    }

    [TestMethod]
    public async Task A_new_token_is_requested_when_expires_in_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = Source(time);
        var before = Calls("token");

        await Deliver(source);
        time.Advance(TimeSpan.FromSeconds(_simulator.TokenLifetimeSeconds - 120));
        await Deliver(source);
        Assert.AreEqual(before + 1, Calls("token"), "still valid");

        time.Advance(TimeSpan.FromSeconds(120));
        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
        Assert.AreEqual(before + 2, Calls("token"));
    }

    [TestMethod]
    public async Task A_refused_token_is_unverifiable_and_replaced_on_the_next_delivery()
    {
        var source = Source();
        await Deliver(source);
        _simulator.RevokeTokens();

        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(source));
        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
    }

    [TestMethod]
    [DataRow(500)]
    [DataRow(503)]
    public async Task A_server_error_on_verify_is_unverifiable(int status)
    {
        var source = Source();
        _simulator.FailNext("verify", new PayPalFault.ServerError(status));

        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(source));
        Assert.AreEqual(Authenticity.Authentic, await Deliver(source));
    }

    [TestMethod]
    public async Task Rate_limiting_on_verify_is_unverifiable()
    {
        _simulator.FailNext("verify", new PayPalFault.RateLimited(3));
        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(Source()));
    }

    [TestMethod]
    public async Task Rate_limiting_or_an_error_on_the_token_is_unverifiable()
    {
        _simulator.FailNext("token", new PayPalFault.RateLimited(3));
        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(Source()));
        _simulator.FailNext("token", new PayPalFault.ServerError(502));
        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(Source()));
    }

    [TestMethod]
    public async Task Wrong_client_credentials_are_unverifiable_not_forged() =>
        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(Source(configure: o => o.ClientSecret = "wrong")));

    [TestMethod]
    public async Task An_answer_that_is_not_JSON_is_unverifiable()
    {
        var source = Source();
        await Deliver(source);
        _simulator.FailNext("verify", new PayPalFault.MalformedBody());

        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(source));
    }

    [TestMethod]
    public async Task A_reply_slower_than_the_timeout_is_unverifiable()
    {
        var source = Source(configure: o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        await Deliver(source);
        _simulator.FailNext("verify", new PayPalFault.Stall(TimeSpan.FromSeconds(30)));

        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(source));
    }

    [TestMethod]
    public async Task An_unreachable_PayPal_is_unverifiable() =>
        Assert.AreEqual(Authenticity.Unverifiable, await Deliver(Source(configure: o => o.ApiBaseUrl = new Uri($"https://127.0.0.1:{LoopbackPorts.Free()}/"))));

    [TestMethod]
    public async Task The_client_secret_goes_only_in_the_token_request_basic_credentials()
    {
        await Deliver(Source());
        var verify = _simulator.Received.Last(r => r.Endpoint == "verify").Body!.ToJsonString();
        Assert.IsFalse(verify.Contains(PayPalTestSources.ClientSecret, StringComparison.Ordinal));
    }
}
