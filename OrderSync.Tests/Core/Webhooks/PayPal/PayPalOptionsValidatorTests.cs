using OrderSync.Core.Configuration;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>PayPal settings are checked at start-up, and every failure names the setting.</summary>
[TestClass]
public sealed class PayPalOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(PayPalOptions options) =>
        new PayPalOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static PayPalOptions Valid() => new() { WebhookId = "0FV983392A0531201", ClientId = "client-id", ClientSecret = "client-secret" };

    [TestMethod]
    public void Offline_needs_the_webhook_id_and_the_API_credentials_tracking_uses() => Assert.AreEqual(0, Failures(Valid()).Count);

    [TestMethod]
    public void Offline_without_API_credentials_is_refused_because_tracking_needs_a_token()
    {
        var failures = Failures(new PayPalOptions { WebhookId = "ABC" });

        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:ClientId is required: PayPal tracking")), string.Join("\n", failures));
        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:ClientSecret is required") && f.Contains("OrderSync__PayPal__ClientSecret")), string.Join("\n", failures));
    }

    [TestMethod]
    public void Defaults_are_offline_against_live_PayPal()
    {
        var options = new PayPalOptions();
        Assert.AreEqual(PayPalVerification.Offline, options.Verification);
        Assert.AreEqual(new Uri("https://api-m.paypal.com"), options.ApiBaseUrl);
    }

    [TestMethod]
    [DataRow(null, "OrderSync:PayPal:WebhookId is required")]
    [DataRow("  ", "OrderSync:PayPal:WebhookId is required")]
    [DataRow("WH-123", "OrderSync:PayPal:WebhookId must be")]
    [DataRow("012345678901234567890123456789012345678901234567890", "OrderSync:PayPal:WebhookId must be")]
    public void A_missing_or_malformed_webhook_id_is_named(string? webhookId, string message)
    {
        var failures = Failures(new PayPalOptions { WebhookId = webhookId });
        Assert.IsTrue(failures.Any(f => f.StartsWith(message, StringComparison.Ordinal)), string.Join("\n", failures));
    }

    [TestMethod]
    public void Online_needs_the_client_id_and_secret()
    {
        var failures = Failures(new PayPalOptions { WebhookId = "ABC", Verification = PayPalVerification.Online });

        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:ClientId is required")), string.Join("\n", failures));
        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:ClientSecret is required") && f.Contains("OrderSync__PayPal__ClientSecret")), string.Join("\n", failures));
    }

    [TestMethod]
    [DataRow("http://api-m.paypal.com")]
    [DataRow("ftp://api-m.paypal.com")]
    public void The_API_must_be_https(string url) =>
        Assert.IsTrue(Failures(new PayPalOptions { WebhookId = "ABC", ApiBaseUrl = new Uri(url) }).Any(f => f.StartsWith("OrderSync:PayPal:ApiBaseUrl")));

    [TestMethod]
    public void A_loopback_simulator_may_be_plain_http() =>
        Assert.AreEqual(0, Failures(new PayPalOptions { WebhookId = "ABC", ClientId = "id", ClientSecret = "secret", ApiBaseUrl = new Uri("http://127.0.0.1:5000/") }).Count);

    [TestMethod]
    [DataRow("https://api.paypal.com")]
    [DataRow("api.paypal.com/v1")]
    [DataRow("")]
    public void Certificate_hosts_must_be_bare_host_names(string host) =>
        Assert.IsTrue(Failures(new PayPalOptions { WebhookId = "ABC", CertificateHosts = [host] }).Any(f => f.StartsWith("OrderSync:PayPal:CertificateHosts:0")));

    [TestMethod]
    public void Timeouts_out_of_range_are_named()
    {
        var failures = Failures(new PayPalOptions { WebhookId = "ABC", RequestTimeout = TimeSpan.Zero, CertificateCacheDuration = TimeSpan.FromDays(30) });

        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:RequestTimeout")));
        Assert.IsTrue(failures.Any(f => f.StartsWith("OrderSync:PayPal:CertificateCacheDuration")));
    }
}
