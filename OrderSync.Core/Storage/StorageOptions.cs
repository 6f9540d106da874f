using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Storage;

/// <summary>
/// Where OrderSync keeps its tables and queues (Azure Storage, or Azurite locally): with a connection string, or with
/// the service endpoints and an Entra ID identity (a managed identity in Azure), so the account needs no shared key.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "OrderSync:Storage";

    /// <summary>An Azure Storage or Azurite connection string; leave empty to connect with an identity instead.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The Table service endpoint (https://&lt;account&gt;.table.core.windows.net), when connecting with an identity.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Queue service endpoint (https://&lt;account&gt;.queue.core.windows.net), when connecting with an identity.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity to connect as; empty: the environment's default identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name, so several installations (or test runs) can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,30})?$", ErrorMessage = "OrderSync:Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";

    [RegularExpression("^[a-z0-9]([a-z0-9]|-(?!-)){1,54}[a-z0-9]$", ErrorMessage = "OrderSync:Storage:SignalQueue must be a valid queue name (lower-case letters, digits, single hyphens, 3-56 characters).")]
    public string SignalQueue { get; set; } = "order-signals";

    /// <summary>How long a webhook delivery id is remembered for de-duplication (Shopify retries for 4 hours, PayPal for 3 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "OrderSync:Storage:DedupeRetention must be between 1 minute and 90 days.")]
    public TimeSpan DedupeRetention { get; set; } = TimeSpan.FromDays(7);

    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesIdentity)
        {
            if (TableServiceUri is not null || QueueServiceUri is not null)
                yield return new ValidationResult("OrderSync:Storage: give either ConnectionString or TableServiceUri and QueueServiceUri, not both.");
            yield break;
        }
        if (TableServiceUri is null || QueueServiceUri is null)
        {
            yield return new ValidationResult(
                "OrderSync:Storage:ConnectionString is required (an Azure Storage or Azurite connection string), " +
                "unless OrderSync:Storage:TableServiceUri and OrderSync:Storage:QueueServiceUri are set to connect with an identity.");
            yield break;
        }
        foreach (var (name, uri) in new[] { ("TableServiceUri", TableServiceUri), ("QueueServiceUri", QueueServiceUri) })
            if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps)
                yield return new ValidationResult($"OrderSync:Storage:{name} must be an absolute https:// endpoint (identity tokens are only sent over https).");
    }
}
