using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>
/// The Stripe webhook endpoint OrderSync receives payment events on, and the Stripe API it writes tracking to.
/// A webhook-only configuration (no <see cref="ApiKey"/>) stays valid: setting Stripe tracking then fails, permanently, naming the setting.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "OrderSync:Stripe";

    /// <summary>
    /// The endpoint's signing secret(s) (whsec_…); list two while Stripe rolls the secret. May be empty when Stripe is not
    /// used: every Stripe delivery is then refused as unsigned, and a warning says why.
    /// </summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>How far the signed timestamp may be from the time of receipt, either way (Stripe.net's default is 300 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "OrderSync:Stripe:SignatureTolerance must be between 1 second and 1 hour.")]
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Stripe's API, https://api.stripe.com (Stripe.net's StripeClient.DefaultApiBase); a loopback simulator in tests.</summary>
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>
    /// The secret or restricted API key (sk_… / rk_…) used to set tracking on PaymentIntents. A secret: set it in the
    /// environment (OrderSync__Stripe__ApiKey), never in a settings file. Optional when only webhooks are used.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Timeout of one call to Stripe's API (Stripe.net's own default is 80 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00", ErrorMessage = "OrderSync:Stripe:RequestTimeout must be between 1 second and 2 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (secret, index) in WebhookSecrets.Select((secret, index) => (secret, index)))
            if (string.IsNullOrWhiteSpace(secret))
                yield return new ValidationResult(
                    $"OrderSync:Stripe:WebhookSecrets:{index} is empty: set the endpoint's signing secret (whsec_…) or remove the entry.",
                    [nameof(WebhookSecrets)]);

        if (!SettingChecks.IsHttpsOrLoopbackHttp(ApiBase) || ApiBase.PathAndQuery != "/")
            yield return new ValidationResult(
                "OrderSync:Stripe:ApiBase must be an https URL with no path, e.g. https://api.stripe.com (http only on loopback).", [nameof(ApiBase)]);

        // Stripe.net refuses an empty key or one containing whitespace (LiveApiRequestor); say so at start-up instead.
        if (ApiKey is not null && !SettingChecks.IsUsableKey(ApiKey))
            yield return new ValidationResult(
                "OrderSync:Stripe:ApiKey must be a Stripe secret or restricted key (sk_… or rk_…) with no spaces; remove it to use webhooks only.",
                [nameof(ApiKey)]);
    }
}
