using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Storage;

/// <summary>Which merchant order a platform's reference belongs to (payment correlation, vendor-order correlation).</summary>
public sealed class CorrelationStore(TableServiceClient tables, IOptions<StorageOptions> options)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "Correlations");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<OrderKey?> FindAsync(CorrelationRef reference, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Safe(reference.Kind), TableKeys.Safe(reference.Value),
            ["Shop", "OrderId"], cancellationToken);
        return found.HasValue && found.Value is { } row ? new OrderKey(row.GetString("Shop"), row.GetString("OrderId")) : null;
    }

    public async Task SaveAsync(CorrelationRef reference, OrderKey order, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Safe(reference.Kind), TableKeys.Safe(reference.Value))
        {
            ["Kind"] = reference.Kind,
            ["Reference"] = reference.Value,
            ["Shop"] = order.Shop,
            ["OrderId"] = order.OrderId,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
