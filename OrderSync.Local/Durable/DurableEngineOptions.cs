using System.ComponentModel.DataAnnotations;

namespace OrderSync.Local.Durable;

/// <summary>The local durable engine's task hub on Azurite.</summary>
public sealed class DurableEngineOptions
{
    public const string Section = "OrderSync:Durable";

    /// <summary>The storage account the engine keeps its queues, history tables and leases in (OrderSync:Storage's by default).</summary>
    public string ConnectionString { get; set; } = "";

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "OrderSync:Durable:TaskHub must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "OrderSync";

    /// <summary>
    /// The longest the engine waits between polls of an idle queue. The provider's default (30 s) suits a billed cloud
    /// account; on Azurite a short one keeps a signal's latency low, and a timer fires within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30", ErrorMessage = "OrderSync:Durable:MaxQueuePollingInterval must be between 100 ms and 30 seconds.")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 16, ErrorMessage = "OrderSync:Durable:PartitionCount must be between 1 and 16.")]
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long work a host took (an activity, an orchestration's messages) stays hidden; after a crash, how long it waits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "OrderSync:Durable:VisibilityTimeout must be between 1 second and 1 hour.")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A host's hold on its partitions; after a crash, how long before another host (or the restarted one) takes them.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:01:00", ErrorMessage = "OrderSync:Durable:PartitionLease must be between 3 seconds and 1 minute.")]
    public TimeSpan PartitionLease { get; set; } = TimeSpan.FromSeconds(30);
}
