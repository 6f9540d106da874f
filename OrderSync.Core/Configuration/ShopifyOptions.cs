using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>The Shopify app OrderSync runs as.</summary>
public sealed class ShopifyOptions
{
    public const string Section = "OrderSync:Shopify";

    /// <summary>The app's client secret(s) that sign webhooks; list the new one first while rotating, drop the old one after an hour.</summary>
    [MinLength(1, ErrorMessage = "OrderSync:Shopify:WebhookSecrets needs at least one secret (the app's client secret).")]
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>The Admin API version OrderSync is written against.</summary>
    [RegularExpression(@"^\d{4}-(01|04|07|10)$", ErrorMessage = "OrderSync:Shopify:ApiVersion must look like 2026-07.")]
    public string ApiVersion { get; set; } = "2026-07";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "OrderSync:Shopify:RequestTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
