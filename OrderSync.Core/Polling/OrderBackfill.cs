using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Polling;

/// <summary>What one back-fill did: signals queued, the stores read, and the stores whose back-fill failed.</summary>
public sealed record BackfillResult(int Queued, IReadOnlyList<string> Stores, IReadOnlyList<string> FailedStores);

/// <summary>
/// Webhooks can be late or missing, so the merchant's recent orders are read back from their store and compared with what
/// OrderSync holds. An order it has never seen goes through the pipeline as its orders/create webhook would (OrderPlaced); one
/// whose store version is newer than the one saved, as its orders/updated webhook would (OrderUpdated). The decider treats
/// them as it treats those webhooks: a repeated notice or a version not newer than the one known changes nothing.
/// An order OrderSync never saw that is already cancelled or closed is left alone: there is nothing to do for it.
/// </summary>
public sealed class OrderBackfill(
    MerchantDirectory directory,
    ShopifyMerchantOrderSnapshots snapshots,
    OrderStore orders,
    WebhookDeduplicator queued,
    ISignalQueue queue,
    IOptions<BackfillOptions> options,
    TimeProvider time,
    ILogger<OrderBackfill> logger)
{
    public const string SourceName = "backfill";

    /// <summary>Why <see cref="RunAsync"/> answered null for <paramref name="shop"/>, as both shells' ops route says it.</summary>
    public static string NotConnected(string? shop) => $"store {shop} is not a connected merchant store (no OrderSync:Merchants:N:AccessToken)";

    /// <summary>Back-fills every connected merchant store, or only <paramref name="shop"/>; null when that store is not connected.</summary>
    public async Task<BackfillResult?> RunAsync(string? shop, CancellationToken cancellationToken)
    {
        var stores = directory.ConnectedMerchantStores()
            .Where(s => shop is null || string.Equals(s.Domain, shop, StringComparison.OrdinalIgnoreCase)).ToList();
        if (shop is not null && stores.Count == 0) return null;

        var total = 0;
        var failed = new List<string>();
        foreach (var store in stores)
        {
            var queuedForStore = new StrongBox<int>();
            try
            {
                await BackfillAsync(store, queuedForStore, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add(store.Domain);
                logger.LogError(e, "back-fill of store {Shop} stopped after {Count} order(s) queued; they stay queued, the rest is read again next time",
                    store.Domain, queuedForStore.Value);
            }
            total += queuedForStore.Value;
        }
        return new BackfillResult(total, [.. stores.Select(s => s.Domain)], failed);
    }

    /// <summary>
    /// Reads the store's orders of the last LookbackDays page by page, and queues each one OrderSync lacks or holds an older
    /// version of, counting them in <paramref name="queuedCount"/> (which holds what was queued even when a later read fails).
    /// </summary>
    private async Task BackfillAsync(ShopifyStore store, StrongBox<int> queuedCount, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - TimeSpan.FromDays(options.Value.LookbackDays);
        string? after = null;
        do
        {
            var page = await snapshots.CreatedSinceAsync(store, since, after, options.Value.PageSize, cancellationToken);
            foreach (var listed in page.Orders)
                if (await FeedAsync(store, listed, cancellationToken)) queuedCount.Value++;
            after = page.NextCursor;
        } while (after is not null);

        if (queuedCount.Value > 0) logger.LogInformation("back-fill of store {Shop}: {Count} order(s) queued", store.Domain, queuedCount.Value);
    }

    /// <summary>
    /// The signal id names the store's version (shop, order, updatedAt), and is remembered once queued: the next back-fill, while
    /// the worker has not yet applied it, skips it; a newer version is a new id.
    /// </summary>
    private async Task<bool> FeedAsync(ShopifyStore store, ListedMerchantOrder listed, CancellationToken cancellationToken)
    {
        var key = OrderKey.Create(store.Domain, ShopifyIds.Numeric(listed.Id));
        var known = (await orders.LoadAsync(key, cancellationToken)).Record.State.Order;
        if (known is null ? !listed.Open : listed.UpdatedAt <= known.UpdatedAt) return false;

        var id = $"{SourceName}:{key.Shop}:{key.OrderId}:{listed.UpdatedAt.UtcTicks}";
        if (await queued.HasSeenAsync(SourceName, id, cancellationToken)) return false;

        var order = await snapshots.ReadAsync(store, listed.Id, cancellationToken);
        var (signal, topic) = known is null ? ((Signal)new OrderPlaced(order), "orders/create") : (new OrderUpdated(order), "orders/updated");
        var origin = new SignalOrigin(SourceName, topic, null, order.UpdatedAt, time.GetUtcNow());
        await queue.EnqueueAsync(new SignalEnvelope(id, key, signal, origin), cancellationToken: cancellationToken);
        await queued.RememberAsync(SourceName, id, cancellationToken);
        return true;
    }
}
