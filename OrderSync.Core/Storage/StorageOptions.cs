using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Storage;

/// <summary>Where OrderSync keeps its tables and queues (Azure Storage, or Azurite locally).</summary>
public sealed class StorageOptions
{
    public const string Section = "OrderSync:Storage";

    [Required(ErrorMessage = "OrderSync:Storage:ConnectionString is required (an Azure Storage or Azurite connection string).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Prepended to every table name, so several installations (or test runs) can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,30})?$", ErrorMessage = "OrderSync:Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";

    [RegularExpression("^[a-z0-9]([a-z0-9]|-(?!-)){1,54}[a-z0-9]$", ErrorMessage = "OrderSync:Storage:SignalQueue must be a valid queue name (lower-case letters, digits, single hyphens, 3-56 characters).")]
    public string SignalQueue { get; set; } = "order-signals";

    /// <summary>How long a webhook delivery id is remembered for de-duplication (Shopify retries for 4 hours, PayPal for 3 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "OrderSync:Storage:DedupeRetention must be between 1 minute and 90 days.")]
    public TimeSpan DedupeRetention { get; set; } = TimeSpan.FromDays(7);
}
