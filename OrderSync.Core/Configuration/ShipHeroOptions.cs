using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>How OrderSync reads ShipHero's webhooks (section "OrderSync:ShipHero"); each ShipHero vendor's secrets are in its VendorOptions.</summary>
public sealed class ShipHeroOptions
{
    public const string Section = "OrderSync:ShipHero";

    /// <summary>
    /// The header carrying the base64 HMAC-SHA256 of the raw body, keyed with the webhook's shared_signature_secret.
    /// ShipHero's own page (developer.shiphero.com/webhooks, "Request Verification") could not be read here; the name
    /// comes from ShipHero's community forum (community.shiphero.com/t/webhook-request-verification/1328 and
    /// /t/hmac-header-not-present-for-label-webhook/1407) and from integrations that verify it, so it is configurable.
    /// </summary>
    [Required(ErrorMessage = "OrderSync:ShipHero:SignatureHeader is required.")]
    [RegularExpression("^[A-Za-z0-9-]{1,100}$", ErrorMessage = "OrderSync:ShipHero:SignatureHeader must be an HTTP header name (letters, digits and '-').")]
    public string SignatureHeader { get; set; } = "X-ShipHero-HMAC-SHA256";

    /// <summary>
    /// GraphQL error codes that mean "not enough credits / throttled": transient, retried after the wait the error names.
    /// ShipHero documents a credit bucket (developer.shiphero.com "Throttling &amp; Quotas": credits restore continuously,
    /// the user_quota query reports credits_remaining / max_available / increment_rate) and an errors[] shape with a numeric
    /// "code" (developer.shiphero.com/troubleshooting/error-glossary). Code 30 for "not enough credits" comes from
    /// integrations that handle it, not from a page read here: unconfirmed, hence configurable.
    /// </summary>
    public List<int> ThrottleErrorCodes { get; set; } = [30];

    /// <summary>Text that marks a GraphQL error as throttling when its code is not one of the above (case-insensitive).</summary>
    public List<string> ThrottleMessageMarkers { get; set; } = ["not enough credits", "throttl"];

    /// <summary>Timeout of one call to ShipHero.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
