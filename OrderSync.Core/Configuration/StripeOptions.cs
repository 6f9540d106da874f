using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>The Stripe webhook endpoint OrderSync receives payment events on.</summary>
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        WebhookSecrets
            .Select((secret, index) => (secret, index))
            .Where(s => string.IsNullOrWhiteSpace(s.secret))
            .Select(s => new ValidationResult(
                $"OrderSync:Stripe:WebhookSecrets:{s.index} is empty: set the endpoint's signing secret (whsec_…) or remove the entry.",
                [nameof(WebhookSecrets)]));
}
