using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OrderSync.Core.Messaging;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Storage;

/// <summary>A signal no order is known for yet, kept with why, until one of its references is linked to an order.</summary>
public sealed record ParkedSignal(InboundSignal Signal, string Reason, DateTimeOffset ParkedAt);

/// <summary>
/// The "unmatched" table: a parked signal is filed under each of its references (partition = reference), so whichever
/// reference is linked first releases it; releasing removes every copy.
/// </summary>
public sealed class UnmatchedSignals(TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "Unmatched");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task ParkAsync(InboundSignal signal, string reason, CancellationToken cancellationToken)
    {
        var parked = OrderSyncJson.Serialize(new ParkedSignal(signal, reason, time.GetUtcNow()));
        foreach (var reference in signal.References)
        {
            var row = new TableEntity(Partition(reference), TableKeys.Safe(signal.Id))
            {
                ["Reference"] = reference.ToString(),
                ["Reason"] = reason,
                ["Parked"] = parked,
            };
            await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The signals parked under <paramref name="reference"/>.</summary>
    public async Task<IReadOnlyList<ParkedSignal>> FindAsync(CorrelationRef reference, CancellationToken cancellationToken)
    {
        var found = new List<ParkedSignal>();
        await foreach (var row in _table.QueryAsync<TableEntity>(r => r.PartitionKey == Partition(reference), cancellationToken: cancellationToken))
            found.Add(OrderSyncJson.Deserialize<ParkedSignal>(row.GetString("Parked")));
        return found;
    }

    /// <summary>Removes every copy of a released signal.</summary>
    public async Task RemoveAsync(InboundSignal signal, CancellationToken cancellationToken)
    {
        foreach (var reference in signal.References)
            await _table.DeleteEntityAsync(Partition(reference), TableKeys.Safe(signal.Id), cancellationToken: cancellationToken);
    }

    /// <summary>Parked signals for the ops API, oldest references first; at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ParkedSignal>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>();
        var found = new List<ParkedSignal>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var parked = OrderSyncJson.Deserialize<ParkedSignal>(row.GetString("Parked"));
            if (seen.Add(parked.Signal.Id)) found.Add(parked);
            if (found.Count >= max) break;
        }
        return found;
    }

    private static string Partition(CorrelationRef reference) => TableKeys.Safe($"{reference.Kind}|{reference.Value}");
}
