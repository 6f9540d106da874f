using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace OrderSync.Core.Storage;

/// <summary>Opens OrderSync's tables and queues as <see cref="StorageOptions"/> says: by connection string or by identity.</summary>
public static class StorageClients
{
    /// <summary>The tables as the webhook path reads and writes them (give up fast).</summary>
    public static TableServiceClient Tables(StorageOptions storage) => Tables(storage, StorageClientDefaults.ForWebhooks(new TableClientOptions()));

    /// <summary>The tables as the work behind the webhooks writes them (patient).</summary>
    public static TableServiceClient TablesForWork(StorageOptions storage) => Tables(storage, StorageClientDefaults.ForWork(new TableClientOptions()));

    private static TableServiceClient Tables(StorageOptions storage, TableClientOptions options)
    {
        return storage.UsesIdentity
            ? new TableServiceClient(storage.TableServiceUri, Credential(storage), options)
            : new TableServiceClient(storage.ConnectionString, options);
    }

    public static QueueClient Queue(StorageOptions storage, string name, QueueClientOptions options) =>
        storage.UsesIdentity
            ? new QueueClient(new Uri(storage.QueueServiceUri!.AbsoluteUri.TrimEnd('/') + "/" + name), Credential(storage), options)
            : new QueueClient(storage.ConnectionString, name, options);

    /// <summary>One credential per identity for all of a process's clients, so tokens are fetched and refreshed once.</summary>
    private static readonly ConcurrentDictionary<string, TokenCredential> Credentials = new(StringComparer.OrdinalIgnoreCase);

    private static TokenCredential Credential(StorageOptions storage) =>
        Credentials.GetOrAdd(storage.ManagedIdentityClientId ?? "", clientId =>
            new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId.Length == 0 ? null : clientId }));
}
