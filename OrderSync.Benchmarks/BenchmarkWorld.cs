using OrderSync.Core.Storage;
using OrderSync.Sandbox.Azurite;
using OrderSync.Sandbox.Hosting;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// One runtime's world, fresh for each so runs do not share state: an Azurite of its own (in memory, from node_modules),
/// the Shopify simulator with a vendor store, and OrderSync.Local as a real process with <c>OrderSync:Runtime</c> set;
/// more of the world (a merchant store, PayPal, Stripe) where <see cref="WorldShape.Configure"/> adds it.
/// </summary>
public sealed class BenchmarkWorld : IAsyncDisposable
{
    private readonly string? _storageFolder;
    private AzuriteProcess _azurite;
    private readonly ShopifyAdminSimulator _simulator;
    private readonly Dictionary<string, string> _settings;
    private readonly List<LocalHostProcess> _workers = [];

    private BenchmarkWorld(AzuriteProcess azurite, string? storageFolder, ShopifyAdminSimulator simulator, SimulatedShopifyStore vendor, LocalHostProcess host,
        Dictionary<string, string> settings)
    {
        _azurite = azurite;
        _storageFolder = storageFolder;
        _simulator = simulator;
        Vendor = vendor;
        Host = host;
        _settings = settings;
    }

    public SimulatedShopifyStore Vendor { get; }

    public LocalHostProcess Host { get; }

    /// <summary>The Azurite the host stores in, for loads that go to storage directly.</summary>
    public string ConnectionString => _azurite.ConnectionString;

    public static async Task<BenchmarkWorld> StartAsync(string runtime, WorldShape? shape = null)
    {
        shape ??= new WorldShape();
        var folder = shape.StorageOnDisk ? Directory.CreateTempSubdirectory("ordersync-azurite-").FullName : null;
        var azurite = folder is null ? await AzuriteProcess.StartAsync(reuseRunning: false) : await AzuriteProcess.StartOnDiskAsync(folder);
        ShopifyAdminSimulator? simulator = null;
        try
        {
            simulator = await ShopifyAdminSimulator.StartAsync(checkSchemas: false);
            var (vendor, settings) = LocalShellSettings.WithNewVendorStore(simulator, new StorageOptions { ConnectionString = azurite.ConnectionString },
                shape.VendorBucket.MaximumAvailable, shape.VendorBucket.RestoreRate);
            settings["OrderSync:Runtime"] = runtime;
            settings["OrderSync:Worker:Enabled"] = shape.Worker ? "true" : "false";
            // Nothing but the work under test: no merchant store to back-fill from, no tracking to poll, unless the shape says so.
            settings["OrderSync:Backfill:Enabled"] = "false";
            settings["OrderSync:TrackingPoll:Enabled"] = "false";
            shape.Configure?.Invoke(simulator, settings);
            // Writing every span and log line to the console would measure the console.
            settings["OrderSync:Telemetry:Console"] = "false";
            settings["Logging:LogLevel:Default"] = "Warning";
            var host = await LocalHostProcess.StartAsync(settings);
            return new BenchmarkWorld(azurite, folder, simulator, vendor, host, settings);
        }
        catch
        {
            if (simulator is not null) await simulator.DisposeAsync();
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Azurite (a storage outage); <see cref="StartStorageAsync"/> brings it back with its data, for a world whose storage is on disk.</summary>
    public Task StopStorageAsync() => _azurite.StopAsync();

    public async Task StartStorageAsync() =>
        _azurite = await AzuriteProcess.StartOnDiskAsync(_storageFolder ?? throw new InvalidOperationException("the world's storage is in memory"), _azurite.Ports);

    /// <summary>The hosts <see cref="AddWorkerAsync"/> started.</summary>
    public IReadOnlyList<LocalHostProcess> Workers => _workers;

    /// <summary>Starts one more OrderSync.Local on the same storage and stores, as a worker (whatever the first host is).</summary>
    public async Task<LocalHostProcess> AddWorkerAsync()
    {
        var worker = await LocalHostProcess.StartAsync(new Dictionary<string, string>(_settings) { ["OrderSync:Worker:Enabled"] = "true" });
        _workers.Add(worker);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.DisposeAsync();
        await Host.DisposeAsync();
        await _simulator.DisposeAsync();
        await _azurite.DisposeAsync();
        if (_storageFolder is not null) Directory.Delete(_storageFolder, recursive: true);
    }
}

/// <param name="Worker">False for an ingress-only host (<c>OrderSync:Worker:Enabled</c>): it answers webhooks and queues them, nothing more.</param>
/// <param name="VendorBucket">
/// The vendor store's cost bucket; by default one that never runs dry, so the figures are OrderSync's, not the simulated rate limit's.
/// </param>
/// <param name="Configure">Adds to the world before the host starts: stores on the simulator, settings of the host.</param>
/// <param name="StorageOnDisk">Azurite keeps its data in a folder, so it can be stopped and started again (a storage outage).</param>
public sealed record WorldShape(bool Worker = true, CostBucket? Bucket = null, Action<ShopifyAdminSimulator, Dictionary<string, string>>? Configure = null,
    bool StorageOnDisk = false)
{
    public CostBucket VendorBucket => Bucket ?? CostBucket.Unlimited;
}

/// <summary>A simulated store's cost bucket: its size in points and the points it restores a second.</summary>
public sealed record CostBucket(double MaximumAvailable, double RestoreRate)
{
    public static readonly CostBucket Unlimited = new(1e9, 1e9);

    /// <summary>Shopify's Standard plan: 100 points a second (the simulator's default bucket size).</summary>
    public static readonly CostBucket Standard = new(SimulatedShopifyStore.DefaultMaximumAvailable, SimulatedShopifyStore.DefaultRestoreRate);
}
