using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Polling;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Integration.Polling;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Backfill;

/// <summary>A back-fill over isolated Azurite tables, a merchant store of its own on the Shopify simulator and a queue that can fail.</summary>
internal sealed class BackfillKit
{
    private const string Token = "shpat_merchant_token";

    private BackfillKit(ShopifyAdminSimulator simulator, StorageOptions storage, BackfillOptions options)
    {
        Shop = $"merchant-{Guid.NewGuid():N}"[..24] + ".myshopify.com";
        Merchant = simulator.AddStore(Shop, Token);
        var tables = new TableServiceClient(storage.ConnectionString);
        Orders = new OrderStore(tables, TestStorage.Wrap(storage));
        Queued = new WebhookDeduplicator(tables, TestStorage.Wrap(storage), TimeProvider.System);
        var configuration = new SyncConfiguration
        {
            Merchants =
            [
                new MerchantOptions { Shop = "not-connected.myshopify.com" },
                new MerchantOptions { Shop = Shop, AdminApiBaseUrl = simulator.AdminBaseUrl(Shop), AccessToken = Token },
            ],
        };
        var client = new ShopifyGraphQlClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System);
        Snapshots = new ShopifyMerchantOrderSnapshots(client);
        Store = new ShopifyStore(Shop, simulator.AdminBaseUrl(Shop), Token);
        Backfill = new OrderBackfill(new MerchantDirectory(TestStorage.Wrap(configuration)), Snapshots, Orders, Queued, Queue,
            TestStorage.Wrap(options), TimeProvider.System, NullLogger<OrderBackfill>.Instance);
    }

    public string Shop { get; }
    public SimulatedShopifyStore Merchant { get; }
    public FailingSignalQueue Queue { get; } = new();
    public OrderStore Orders { get; }
    public WebhookDeduplicator Queued { get; }
    public OrderBackfill Backfill { get; }
    public ShopifyMerchantOrderSnapshots Snapshots { get; }
    public ShopifyStore Store { get; }

    public static async Task<BackfillKit> StartAsync(BackfillOptions? options = null)
    {
        var kit = new BackfillKit(await TestSimulators.ShopifyAsync(), await TestStorage.IsolatedAsync(), options ?? new BackfillOptions());
        await kit.Orders.EnsureCreatedAsync(CancellationToken.None);
        await kit.Queued.EnsureCreatedAsync(CancellationToken.None);
        return kit;
    }

    public SimulatedMerchantOrder Seed(string name = "#1001") =>
        Merchant.SeedMerchantOrder(name, [new SeedLine("IPOD2008PINK", "IPod Nano - 8GB", 2, 199.00m), new SeedLine("IPOD2008BLACK", "IPod Nano - 8GB", 1, 189.50m)]);

    public OrderKey Key(SimulatedMerchantOrder order) => new(Shop, ShopifyIds.Numeric(order.Id));

    public async Task<BackfillResult> RunAsync() => (await Backfill.RunAsync(null, CancellationToken.None))!;

    /// <summary>Saves the signal's order as OrderSync's own, as the worker does once it has applied the queued signal.</summary>
    public Task ApplyAsync(SignalEnvelope envelope) =>
        SaveAsync(envelope.Signal switch { OrderPlaced p => p.Order, OrderUpdated u => u.Order, _ => throw new InvalidOperationException() });

    /// <summary>Saves the store's order as OrderSync's own, as if its webhook had come and been applied.</summary>
    public async Task KnownAsync(SimulatedMerchantOrder seeded) => await SaveAsync(await Snapshots.ReadAsync(Store, seeded.Id, CancellationToken.None));

    private async Task SaveAsync(Order order)
    {
        var stored = await Orders.LoadAsync(order.Key, CancellationToken.None);
        await Orders.SaveAsync(stored, stored.Record with { State = stored.Record.State with { Order = order } }, [], CancellationToken.None);
    }
}
