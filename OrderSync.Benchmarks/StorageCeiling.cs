using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using OrderSync.Core.Storage;

namespace OrderSync.Benchmarks;

/// <summary>
/// The bare storage work of one accepted webhook, as the ingress does it, with the same SDKs and code: one de-duplication
/// insert (<see cref="WebhookDeduplicator.RememberAsync"/>, Azure.Data.Tables) and one enqueue of a message as large as the
/// host's own signal messages (Azure.Storage.Queues, base64 as OrderSync sends them), to a queue of its own that nothing
/// drains. Run beside each step on the same Azurite, it says what the storage alone allows at that moment.
/// </summary>
public sealed class StorageCeiling
{
    private readonly WebhookDeduplicator _deliveries;
    private readonly QueueClient _queue;
    private readonly string _message;

    private StorageCeiling(WebhookDeduplicator deliveries, QueueClient queue, string message) => (_deliveries, _queue, _message) = (deliveries, queue, message);

    public static async Task<StorageCeiling> CreateAsync(StorageOptions storage, string message)
    {
        var deliveries = new WebhookDeduplicator(StorageClients.Tables(storage),
            Options.Create(new StorageOptions { ConnectionString = storage.ConnectionString, TablePrefix = "Ceiling" }), TimeProvider.System);
        await deliveries.EnsureCreatedAsync(CancellationToken.None);
        var queue = StorageClients.Queue(storage, "benchmark-ceiling",
            new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05) { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return new StorageCeiling(deliveries, queue, message);
    }

    /// <summary>One webhook's storage work; <paramref name="due"/> is when it was due, for its latency.</summary>
    public async Task<Ack> RunAsync(int index, long due)
    {
        try
        {
            await _queue.SendMessageAsync(_message);
            await _deliveries.RememberAsync("shopify", $"ceiling-{index}-{Guid.NewGuid():N}", CancellationToken.None);
            return new Ack(index, due, Stopwatch.GetTimestamp(), 200, null);
        }
        catch (Azure.RequestFailedException e)
        {
            return new Ack(index, due, Stopwatch.GetTimestamp(), e.Status, e.Message);
        }
    }
}
