using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace OrderSync.Core.Storage;

/// <summary>
/// Remembers webhook deliveries by the source's delivery id, for a retention period, so a redelivery is recognised.
/// The ingress queues first and then claims the id (<see cref="ClaimAsync"/>, one insert for a new delivery), taking
/// the message back when the claim finds a redelivery: a failure in between can queue a delivery twice (the order
/// applies it once) but never lose one. The pollers ask <see cref="HasSeenAsync"/> and <see cref="RememberAsync"/>.
/// </summary>
public sealed class WebhookDeduplicator(TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "WebhookDeliveries");
    private const string ClaimTokenProperty = "ClaimToken";
    private readonly TimeSpan _retention = options.Value.DedupeRetention;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<bool> HasSeenAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(source, RowKey(deliveryId), ["ExpiresAt"], cancellationToken);
        return found.HasValue && found.Value?.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow();
    }

    public Task RememberAsync(string source, string deliveryId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(Remembered(source, deliveryId), TableUpdateMode.Replace, cancellationToken);

    /// <returns>True when this is the id's first delivery within the retention period (now remembered), false for a redelivery.</returns>
    /// <remarks>
    /// The insert carries a token of this claim: when the SDK retries an insert whose first attempt the table took but
    /// whose answer was slow, the retry meets the claim's own row (409), and the token tells it from another delivery's.
    /// </remarks>
    public async Task<bool> ClaimAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var entity = Remembered(source, deliveryId, token);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["ExpiresAt", ClaimTokenProperty], cancellationToken);
            if (!found.HasValue || found.Value is null) return await ClaimAsync(source, deliveryId, cancellationToken);
            if (found.Value.GetString(ClaimTokenProperty) == token) return true;
            if (found.Value.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow()) return false;
            return await ReclaimExpiredAsync(entity, token, found.Value.ETag, cancellationToken);
        }
    }

    /// <summary>Of two redeliveries past the retention at once, the one whose replace wins the ETag race is the first.</summary>
    private async Task<bool> ReclaimExpiredAsync(TableEntity entity, string token, ETag expired, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(entity, expired, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // As with the insert, a retried replace may meet its own first attempt.
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, [ClaimTokenProperty], cancellationToken);
            return found.HasValue && found.Value?.GetString(ClaimTokenProperty) == token;
        }
    }

    private TableEntity Remembered(string source, string deliveryId, string? claimToken = null)
    {
        var entity = new TableEntity(source, RowKey(deliveryId)) { ["ExpiresAt"] = time.GetUtcNow() + _retention };
        if (claimToken is not null) entity[ClaimTokenProperty] = claimToken;
        return entity;
    }

    private static string RowKey(string deliveryId) => TableKeys.Safe(deliveryId);
}
