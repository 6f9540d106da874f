using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Telemetry;

/// <summary>How often the order gauges (ordersync.orders, ordersync.orders.oldest_age) are recomputed from the orders table (OrderSync:OrderGauges).</summary>
public sealed class OrderGaugeOptions
{
    public const string Section = "OrderSync:OrderGauges";

    /// <summary>Off: the local shell never scans the table and the gauges report nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Time between two refreshes (each scans the state rows of the orders table). A snapshot older than twice this is no
    /// longer reported, so a refresh that keeps failing shows as no data rather than as old numbers. In the Functions shell,
    /// set it to the period of the OrderGaugeSchedule app setting.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "OrderSync:OrderGauges:Interval must be between 10 seconds and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
