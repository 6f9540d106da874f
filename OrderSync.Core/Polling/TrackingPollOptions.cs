using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Polling;

/// <summary>The timer-driven tracking poll (section OrderSync:TrackingPoll), which catches shipments whose webhook never came.</summary>
public sealed class TrackingPollOptions
{
    public const string Section = "OrderSync:TrackingPoll";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "OrderSync:TrackingPoll:Interval must be between 1 second and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back a vendor's first poll reads, before it has a cursor.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "OrderSync:TrackingPoll:InitialLookback must be between 0 and 365 days.")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(7);
}
