using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace OrderSync.Core.Storage;

/// <summary>
/// Remembers webhook deliveries by the source's delivery id, for a retention period, so a redelivery is recognised.
/// The ingress asks <see cref="HasSeenAsync"/> before queuing and calls <see cref="RememberAsync"/> only after the
/// signal is queued: a failure in between can queue a delivery twice (the order applies it once) but never lose one.
/// </summary>
public sealed class WebhookDeduplicator(TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "WebhookDeliveries");
    private readonly TimeSpan _retention = options.Value.DedupeRetention;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<bool> HasSeenAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(source, RowKey(deliveryId), ["ExpiresAt"], cancellationToken);
        return found.HasValue && found.Value?.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow();
    }

    public async Task RememberAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(source, RowKey(deliveryId)) { ["ExpiresAt"] = time.GetUtcNow() + _retention };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string RowKey(string deliveryId) => TableKeys.Safe(deliveryId);
}
