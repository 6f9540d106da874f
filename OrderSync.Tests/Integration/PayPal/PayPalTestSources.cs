using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>PayPal webhook sources wired as AddOrderSync wires them, but with HTTP clients that trust the simulator's loopback TLS.</summary>
internal static class PayPalTestSources
{
    public const string ClientId = "AeA1QIZXiflr1_-r0U2UbWTziOWX1GRQer5PRMhWHrS3";
    public const string ClientSecret = "ECYYrrSHdKfk_Q0EdvzdGkzj58a66kKaUQ5dZAEv4HvvtDId2_DpSuYDB088";

    /// <summary>Offline options for certificates served by the simulator: 127.0.0.1 allowed explicitly, as no default allows it.</summary>
    public static PayPalOptions OfflineOptions(string webhookId) => new() { WebhookId = webhookId, CertificateHosts = ["127.0.0.1"] };

    public static PayPalOptions OnlineOptions(PayPalSimulator simulator, string webhookId) => new()
    {
        WebhookId = webhookId,
        Verification = PayPalVerification.Online,
        ApiBaseUrl = simulator.BaseUrl,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static PayPalWebhookSource Offline(PayPalSimulator simulator, PayPalOptions options, PayPalCertificateTrust trust, TimeProvider? time = null)
    {
        var wrapped = TestStorage.Wrap(options);
        var client = new PayPalCertificateClient(new HttpClient(simulator.CreateHandler()) { Timeout = options.RequestTimeout });
        var store = new PayPalCertificateStore(client, wrapped, time ?? TimeProvider.System);
        return Source(new PayPalOfflineVerifier(store, trust, wrapped, NullLogger<PayPalOfflineVerifier>.Instance));
    }

    public static PayPalWebhookSource Online(PayPalSimulator simulator, PayPalOptions options, TimeProvider? time = null)
    {
        var wrapped = TestStorage.Wrap(options);
        var api = new PayPalApiClient(new HttpClient(simulator.CreateHandler()) { Timeout = options.RequestTimeout }, wrapped, time ?? TimeProvider.System);
        var tokens = new PayPalAccessTokens(api, wrapped, time ?? TimeProvider.System);
        return Source(new PayPalOnlineVerifier(api, tokens, wrapped, NullLogger<PayPalOnlineVerifier>.Instance));
    }

    public static WebhookHeaders Headers(IReadOnlyDictionary<string, string> headers) => new(headers);

    private static PayPalWebhookSource Source(IPayPalSignatureVerifier verifier) => new(verifier, NullLogger<PayPalWebhookSource>.Instance);
}
