using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Polling;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>A tracking poller over isolated Azurite tables, for the given vendors and feeds, routing to a queue that can fail.</summary>
internal sealed class PollWorld
{
    private PollWorld(StorageOptions storage, FailingSignalQueue queue, (CorrelationStore Correlations, UnmatchedSignals Unmatched, SignalRouter Router) routing,
        IEnumerable<VendorOptions> vendors, IEnumerable<IShipmentFeed> feeds)
    {
        Queue = queue;
        (Correlations, Unmatched, var router) = routing;
        var tables = new TableServiceClient(storage.ConnectionString);
        Cursors = new TrackingCursorStore(tables, TestStorage.Wrap(storage));
        Deliveries = new WebhookDeduplicator(tables, TestStorage.Wrap(storage), TimeProvider.System);
        Poller = new TrackingPoller(new MerchantDirectory(TestStorage.Wrap(new SyncConfiguration { Vendors = [.. vendors] })), feeds, Cursors, Deliveries,
            router, TestStorage.Wrap(new TrackingPollOptions()), TimeProvider.System, NullLogger<TrackingPoller>.Instance);
    }

    public FailingSignalQueue Queue { get; }
    public CorrelationStore Correlations { get; }
    public UnmatchedSignals Unmatched { get; }
    public TrackingCursorStore Cursors { get; }
    public WebhookDeduplicator Deliveries { get; }
    public TrackingPoller Poller { get; }

    public static async Task<PollWorld> StartAsync(IEnumerable<VendorOptions> vendors, params IShipmentFeed[] feeds)
    {
        var storage = await TestStorage.IsolatedAsync();
        var queue = new FailingSignalQueue();
        var world = new PollWorld(storage, queue, await TestRouting.TablesAsync(storage, queue), vendors, feeds);
        await world.Cursors.EnsureCreatedAsync(CancellationToken.None);
        await world.Deliveries.EnsureCreatedAsync(CancellationToken.None);
        return world;
    }

    /// <summary>Links a vendor order to its merchant order, as the push command does.</summary>
    public Task LinkAsync(string vendorId, string vendorOrderId, OrderKey merchantOrder) =>
        Correlations.SaveAsync(CorrelationRef.VendorOrder(vendorId, vendorOrderId), merchantOrder, CancellationToken.None);

    public Task<TrackingCursor?> CursorAsync(string vendorId) => Cursors.FindAsync(vendorId, CancellationToken.None);

    public Task<TrackingPollResult> PollAsync() => Poller.PollAllAsync(CancellationToken.None);
}
