namespace OrderSync.Core.Configuration;

/// <summary>How OrderSync checks a PayPal webhook's signature.</summary>
public enum PayPalVerification
{
    /// <summary>Locally: PayPal's certificate (fetched from an allowed host and cached) and SHA256withRSA.</summary>
    Offline,

    /// <summary>By asking PayPal: POST /v1/notifications/verify-webhook-signature with an OAuth2 token.</summary>
    Online,
}

/// <summary>
/// The PayPal webhook subscription OrderSync receives, and how its deliveries are verified.
/// Optional: without this section the PayPal webhook source is not registered.
/// </summary>
public sealed class PayPalOptions
{
    public const string Section = "OrderSync:PayPal";

    /// <summary>
    /// PayPal's own API hosts that serve webhook signing certificates. PayPal's samples name
    /// https://api.sandbox.paypal.com/v1/notifications/certs/CERT-… (paypal/PayPal-Java-SDK ValidateCertTest.java;
    /// paypal/PayPal-PHP-SDK sample/notifications/ValidateWebhookEvent.php) and api.paypal.com for live; api-m.* are
    /// PayPal's current REST hosts (developer.paypal.com/api/rest/), listed so a move there keeps working.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultCertificateHosts =
        ["api.paypal.com", "api.sandbox.paypal.com", "api-m.paypal.com", "api-m.sandbox.paypal.com"];

    /// <summary>The id PayPal gave the webhook subscription (Developer Dashboard → app → Webhooks); part of what PayPal signs.</summary>
    public string? WebhookId { get; set; }

    public PayPalVerification Verification { get; set; } = PayPalVerification.Offline;

    /// <summary>PayPal's REST API: https://api-m.paypal.com (live) or https://api-m.sandbox.paypal.com (sandbox).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api-m.paypal.com");

    /// <summary>The REST app's client id (Online verification).</summary>
    public string? ClientId { get; set; }

    /// <summary>The REST app's secret (Online verification): set it in the environment, OrderSync__PayPal__ClientSecret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Hosts PAYPAL-CERT-URL may name (exact host names, https only). Empty means <see cref="DefaultCertificateHosts"/>;
    /// setting it replaces the defaults. Never add a host PayPal does not run: its certificate decides what is authentic.
    /// </summary>
    public List<string> CertificateHosts { get; set; } = [];

    /// <summary>How long a fetched certificate is reused before it is fetched again.</summary>
    public TimeSpan CertificateCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Timeout of one call to PayPal (certificate download, token, verify-webhook-signature).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> EffectiveCertificateHosts => CertificateHosts.Count > 0 ? CertificateHosts : DefaultCertificateHosts;
}
