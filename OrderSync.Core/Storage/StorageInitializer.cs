using OrderSync.Core.Messaging;

namespace OrderSync.Core.Storage;

/// <summary>Creates the tables and queues OrderSync uses, if they are not there yet (idempotent; run at start-up).</summary>
public sealed class StorageInitializer(
    OrderStore orders, WebhookDeduplicator deliveries, CorrelationStore correlations, UnmatchedSignals unmatched, TrackingCursorStore cursors,
    StorageQueueSignalQueue queue)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await orders.EnsureCreatedAsync(cancellationToken);
        await deliveries.EnsureCreatedAsync(cancellationToken);
        await correlations.EnsureCreatedAsync(cancellationToken);
        await unmatched.EnsureCreatedAsync(cancellationToken);
        await cursors.EnsureCreatedAsync(cancellationToken);
        await queue.EnsureCreatedAsync(cancellationToken);
    }
}
