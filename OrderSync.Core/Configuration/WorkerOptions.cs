using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>How the signal worker takes messages and runs commands.</summary>
public sealed class WorkerOptions
{
    public const string Section = "OrderSync:Worker";

    /// <summary>
    /// Whether this process takes signals from the queue. False makes it an ingress-only host (webhooks, the ops API, the
    /// back-fill and tracking poll queue signals for other processes), so webhooks can be answered and signals worked apart.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a taken message stays hidden from other workers; it must outlast <see cref="CommandLease"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "OrderSync:Worker:VisibilityTimeout must be between 1 second and 1 day.")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one executor holds a command before another may take it over (longer than any platform call).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "OrderSync:Worker:CommandLease must be between 1 second and 1 day.")]
    public TimeSpan CommandLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries of one message before it is moved to the poison queue.</summary>
    [Range(1, 100, ErrorMessage = "OrderSync:Worker:MaxDeliveries must be between 1 and 100.")]
    public int MaxDeliveries { get; set; } = 5;

    [Range(1, 32, ErrorMessage = "OrderSync:Worker:BatchSize must be between 1 and 32.")]
    public int BatchSize { get; set; } = 16;

    /// <summary>Messages one worker holds at most, taken but not yet settled; it takes more as they settle.</summary>
    [Range(1, 1024, ErrorMessage = "OrderSync:Worker:MaxInHand must be between 1 and 1024.")]
    public int MaxInHand { get; set; } = 32;

    /// <summary>The longest pause between polls of an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "OrderSync:Worker:MaxIdleDelay must be between 50 ms and 1 minute.")]
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(2);
}
