using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Polling;

/// <summary>The back-fill (section OrderSync:Backfill), which feeds the pipeline the merchant orders whose webhooks never came.</summary>
public sealed class BackfillOptions
{
    public const string Section = "OrderSync:Backfill";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between two back-fills after the first.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "OrderSync:Backfill:Interval must be between 1 second and 7 days.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after start-up the first back-fill runs (the one that catches up a store just connected).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "OrderSync:Backfill:FirstRunDelay must be between 0 and 1 day.")]
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many days of the merchant's orders (by creation) each back-fill reads.</summary>
    [Range(1, 365, ErrorMessage = "OrderSync:Backfill:LookbackDays must be between 1 and 365.")]
    public int LookbackDays { get; set; } = 7;

    /// <summary>Orders per page of the merchant's order list.</summary>
    [Range(1, 250, ErrorMessage = "OrderSync:Backfill:PageSize must be between 1 and 250.")]
    public int PageSize { get; set; } = 50;
}
