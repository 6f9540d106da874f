using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace OrderSync.Core.Storage;

/// <summary>
/// Where a vendor's tracking poll stands: changes are read from <see cref="Since"/> on; <see cref="After"/> is the next page
/// of that read when it stopped part-way, and <see cref="Mark"/> the latest change read so far (the next Since).
/// </summary>
public sealed record TrackingCursor(DateTimeOffset Since, string? After, DateTimeOffset Mark)
{
    public static TrackingCursor StartAt(DateTimeOffset since) => new(since, null, since);
}

/// <summary>The tracking-poll cursor of each vendor (table TrackingCursors, partition: vendor id).</summary>
public sealed class TrackingCursorStore(TableServiceClient tables, IOptions<StorageOptions> options)
{
    private const string Row = "fulfillments";
    private readonly TableClient _table = tables.GetTableClient(options.Value.TablePrefix + "TrackingCursors");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<TrackingCursor?> FindAsync(string vendorId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Safe(vendorId), Row, ["Since", "After", "Mark"], cancellationToken);
        return found.HasValue && found.Value is { } row
            ? new TrackingCursor(row.GetDateTimeOffset("Since")!.Value, row.GetString("After"), row.GetDateTimeOffset("Mark")!.Value)
            : null;
    }

    public async Task SaveAsync(string vendorId, TrackingCursor cursor, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Safe(vendorId), Row)
        {
            ["VendorId"] = vendorId,
            ["Since"] = cursor.Since,
            ["After"] = cursor.After,
            ["Mark"] = cursor.Mark,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
