using Azure.Storage.Queues;
using OrderSync.Core.Storage;

namespace OrderSync.Tests.Support;

/// <summary>A test's look at its own signal queue and poison queue, written as the adapter writes them (base64 messages).</summary>
public static class TestQueues
{
    public static QueueClient Signals(StorageOptions storage) => Client(storage, storage.SignalQueue);

    public static QueueClient Poison(StorageOptions storage) => Client(storage, storage.SignalQueue + "-poison");

    /// <summary>Messages in the queue, visible or not (a delayed wake-up, one in a worker's hands).</summary>
    public static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static QueueClient Client(StorageOptions storage, string name) =>
        new(storage.ConnectionString, name, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05) { MessageEncoding = QueueMessageEncoding.Base64 });
}
