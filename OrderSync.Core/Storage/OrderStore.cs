using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Storage;

/// <summary>
/// Orders in Azure Tables, one partition per order: the record in row "state" and the timeline in rows "t0000000001"…
/// Record and new timeline rows are written in one transaction guarded by the record's ETag.
/// The state row also holds, as columns, what lists and gauges read without the document: Status, Reasons, StatusSince.
/// </summary>
public sealed class OrderStore(TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider? time = null)
{
    private const string StateRow = "state";
    private const string DocumentProperty = "Document";
    private const string StatusProperty = "Status";
    private const string ReasonsProperty = "Reasons";

    /// <summary>When the order entered its current status (kept while saves leave the status as it was).</summary>
    private const string StatusSinceProperty = "StatusSince";

    /// <summary>A table string property holds 32K characters: the reasons listed are cut to fit.</summary>
    private const int MaxReasonsLength = 30_000;
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "Orders");
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<StoredOrder> LoadAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(key), StateRow, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity
            ? new StoredOrder(OrderSyncJson.Deserialize<OrderRecord>(ChunkedProperty.Read(entity, DocumentProperty)), entity.ETag.ToString(), SinceOf(entity))
            : new StoredOrder(OrderRecord.New(key), null);
    }

    /// <summary>Saves <paramref name="next"/> over <paramref name="current"/> with the new timeline entries, or throws <see cref="OrderConcurrencyException"/>.</summary>
    public async Task<StoredOrder> SaveAsync(StoredOrder current, OrderRecord next, IReadOnlyList<TimelineEntry> appended, CancellationToken cancellationToken)
    {
        var key = next.State.Key;
        next = next with { TimelineLength = current.Record.TimelineLength + appended.Count };
        var status = OrderStatus.Of(next.State);
        var since = current.ETag is not null && current.StatusSince is { } was && OrderStatus.Of(current.Record.State) == status
            ? was : _time.GetUtcNow();
        var state = StateEntity(next, status, since);
        var actions = new List<TableTransactionAction>
        {
            current.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(current.ETag)),
        };
        actions.AddRange(appended.Select((entry, i) => new TableTransactionAction(
            TableTransactionActionType.Add, TimelineEntity(key, current.Record.TimelineLength + i + 1, entry))));

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return new StoredOrder(next, response.Value[0].Headers.ETag?.ToString(), since);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new OrderConcurrencyException(key, e);
        }
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(key)} and RowKey ge 't' and RowKey lt 'u'");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            entries.Add(OrderSyncJson.Deserialize<TimelineEntry>(row.GetString("Entry")));
        return entries;
    }

    public async Task<OrderView?> ViewAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(key, cancellationToken);
        if (stored.ETag is null) return null;
        var record = stored.Record;
        return new OrderView(key, OrderStatus.Of(record.State), record.State, record.Outbox, await ReadTimelineAsync(key, cancellationToken));
    }

    /// <summary>Orders with this status (see <see cref="OrderStatus"/>), at most <paramref name="max"/>, each with its reasons.</summary>
    public async Task<IReadOnlyList<OrderSummary>> ListAsync(string status, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow} and Status eq {status}");
        var found = new List<OrderSummary>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000),
                           select: ["Shop", "OrderId", "OrderName", StatusProperty, ReasonsProperty], cancellationToken: cancellationToken))
        {
            found.Add(new OrderSummary(new OrderKey(row.GetString("Shop"), row.GetString("OrderId")), row.GetString("OrderName"), status,
                row.GetString(ReasonsProperty) is { } reasons ? OrderSyncJson.Deserialize<List<string>>(reasons) : [], row.Timestamp));
            if (found.Count == max) break;
        }
        return found;
    }

    /// <summary>
    /// Every order's status and since when it has been in it, for the order gauges: a projection of the state rows onto
    /// those columns (never the document), read page by page. It scans the table, so callers run it on an interval.
    /// </summary>
    public async IAsyncEnumerable<OrderStatusRow> ReadStatusesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000,
                           select: [StatusProperty, StatusSinceProperty, "Timestamp"], cancellationToken: cancellationToken))
        {
            if (row.GetString(StatusProperty) is { } status) yield return new OrderStatusRow(status, SinceOf(row));
        }
    }

    /// <summary>A cheap call that fails when the orders table cannot be reached (or does not exist): one empty page.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"health-probe"}");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            return;
    }

    private static string Partition(OrderKey key) => $"{key.Shop}|{key.OrderId}";

    /// <summary>Rows saved before StatusSince existed count from their last save.</summary>
    private static DateTimeOffset? SinceOf(TableEntity entity) => entity.GetDateTimeOffset(StatusSinceProperty) ?? entity.Timestamp;

    private static TableEntity StateEntity(OrderRecord record, string status, DateTimeOffset statusSince)
    {
        var state = record.State;
        var entity = new TableEntity(Partition(state.Key), StateRow)
        {
            ["Shop"] = state.Key.Shop,
            ["OrderId"] = state.Key.OrderId,
            ["OrderName"] = state.Order?.Name,
            [StatusProperty] = status,
            [StatusSinceProperty] = statusSince,
            [ReasonsProperty] = ReasonsText(state),
        };
        ChunkedProperty.Write(entity, DocumentProperty, OrderSyncJson.SerializeToUtf8(record));
        return entity;
    }

    private static string ReasonsText(OrderState state)
    {
        var reasons = OrderStatus.Reasons(state).ToList();
        var text = OrderSyncJson.Serialize(reasons);
        while (text.Length > MaxReasonsLength && reasons.Count > 1)
        {
            reasons.RemoveAt(reasons.Count - 1);
            text = OrderSyncJson.Serialize(reasons);
        }
        return text.Length > MaxReasonsLength ? OrderSyncJson.Serialize(new List<string> { reasons[0][..1000] + "…" }) : text;
    }

    private static TableEntity TimelineEntity(OrderKey key, int sequence, TimelineEntry entry) =>
        new(Partition(key), $"t{sequence:D10}")
        {
            ["At"] = entry.At,
            ["Kind"] = entry.Kind,
            ["Entry"] = OrderSyncJson.Serialize(entry),
        };
}
