using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Polling;
using OrderSync.Core.Storage;
using OrderSync.Tests.Integration.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>A tracking poller over isolated Azurite tables, a vendor store on the Shopify simulator and a queue that can fail.</summary>
internal sealed class TrackingPollKit
{
    public const string VendorId = "vendor-a";

    private TrackingPollKit(VendorShopifyKit vendor, StorageOptions storage, FailingSignalQueue queue, SignalRouter router, IEnumerable<VendorOptions> extraVendors)
    {
        Vendor = vendor;
        Queue = queue;
        var tables = new TableServiceClient(storage.ConnectionString);
        Correlations = new CorrelationStore(tables, TestStorage.Wrap(storage));
        Unmatched = new UnmatchedSignals(tables, TestStorage.Wrap(storage), TimeProvider.System);
        Cursors = new TrackingCursorStore(tables, TestStorage.Wrap(storage));
        Deliveries = new WebhookDeduplicator(tables, TestStorage.Wrap(storage), TimeProvider.System);
        var configuration = new SyncConfiguration
        {
            Vendors =
            [
                .. extraVendors,
                new VendorOptions { Id = VendorId, ShopDomain = vendor.Domain, AdminApiBaseUrl = vendor.Store.AdminBaseUrl, AccessToken = vendor.Store.AccessToken },
            ],
        };
        Poller = new TrackingPoller(new MerchantDirectory(TestStorage.Wrap(configuration)), vendor.Fulfillments, Cursors, Deliveries, router,
            TestStorage.Wrap(new TrackingPollOptions()), TimeProvider.System, NullLogger<TrackingPoller>.Instance);
    }

    public VendorShopifyKit Vendor { get; }
    public FailingSignalQueue Queue { get; }
    public CorrelationStore Correlations { get; }
    public UnmatchedSignals Unmatched { get; }
    public TrackingCursorStore Cursors { get; }
    public WebhookDeduplicator Deliveries { get; }
    public TrackingPoller Poller { get; }

    public static async Task<TrackingPollKit> StartAsync(params VendorOptions[] extraVendors)
    {
        var storage = await TestStorage.IsolatedAsync();
        var queue = new FailingSignalQueue();
        var router = await TestRouting.RouterAsync(storage, queue);
        var kit = new TrackingPollKit(await VendorShopifyKit.StartAsync(), storage, queue, router, extraVendors);
        await kit.Cursors.EnsureCreatedAsync(CancellationToken.None);
        await kit.Deliveries.EnsureCreatedAsync(CancellationToken.None);
        return kit;
    }

    /// <summary>Pushes a vendor order and links it to the merchant order, as the push command does; answers the vendor order id.</summary>
    public async Task<string> PushLinkedAsync(OrderKey merchantOrder)
    {
        var id = await Vendor.PushAsync(merchantOrder.OrderId);
        await Correlations.SaveAsync(CorrelationRef.VendorOrder(VendorId, ShopifyIds.Numeric(id)), merchantOrder, CancellationToken.None);
        return id;
    }

    public Task<TrackingCursor?> CursorAsync() => Cursors.FindAsync(VendorId, CancellationToken.None);

    public Task<TrackingPollResult> PollAsync() => Poller.PollAllAsync(CancellationToken.None);
}

/// <summary>A recording queue that, once it has queued <see cref="SucceedFirst"/> more signals, refuses the next one, as an unreachable queue does.</summary>
internal sealed class FailingSignalQueue : ISignalQueue
{
    private readonly RecordingSignalQueue _inner = new();

    public int? SucceedFirst { get; set; }

    public IReadOnlyCollection<SignalEnvelope> Queued => _inner.Queued;

    public Task EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (SucceedFirst-- == 0)
        {
            SucceedFirst = null;
            throw new SignalQueueUnavailableException("queue down (test)", new IOException("refused"));
        }
        return _inner.EnqueueAsync(envelope, delay, cancellationToken);
    }
}
