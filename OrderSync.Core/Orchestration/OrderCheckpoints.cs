using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Orchestration;

/// <summary>
/// Reads and saves an orchestrated order in the same table the local shell and the ops API use. Saving is safe to
/// repeat: an activity can run twice when its host dies after the write, and the second run finds its own write.
/// </summary>
public sealed class OrderCheckpoints(OrderStore orders, TimeProvider time)
{
    public Task<StoredOrder> LoadAsync(OrderKey order, CancellationToken cancellationToken) => orders.LoadAsync(order, cancellationToken);

    public async Task<string?> SaveAsync(OrderSave save, CancellationToken cancellationToken)
    {
        var key = save.Next.State.Key;
        var current = await orders.LoadAsync(key, cancellationToken);
        if (current.ETag == save.ETag)
        {
            var saved = await orders.SaveAsync(current, save.Next, save.Appended, cancellationToken);
            OrderSyncTelemetry.Decided(current.Record.State, save.Next.State, time.GetUtcNow());
            return saved.ETag;
        }
        if (OrderSyncJson.Serialize(current.Record) == OrderSyncJson.Serialize(save.Next)) return current.ETag;
        throw new OrderConcurrencyException(key, new InvalidOperationException(
            $"order {key} was saved by something other than its orchestration (version {current.ETag}, expected {save.ETag ?? "none"})"));
    }
}
