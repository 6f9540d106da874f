using OrderSync.Core.Storage;
using OrderSync.Sandbox.Azurite;
using OrderSync.Sandbox.Hosting;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>
/// One runtime's world, fresh for each so runs do not share state: an Azurite of its own (in memory, from node_modules),
/// the Shopify simulator with a vendor store, and OrderSync.Local as a real process with <c>OrderSync:Runtime</c> set.
/// </summary>
public sealed class BenchmarkWorld : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly ShopifyAdminSimulator _simulator;

    private BenchmarkWorld(AzuriteProcess azurite, ShopifyAdminSimulator simulator, SimulatedShopifyStore vendor, LocalHostProcess host)
    {
        _azurite = azurite;
        _simulator = simulator;
        Vendor = vendor;
        Host = host;
    }

    public SimulatedShopifyStore Vendor { get; }

    public LocalHostProcess Host { get; }

    /// <summary>The Azurite the host stores in, for loads that go to storage directly.</summary>
    public string ConnectionString => _azurite.ConnectionString;

    /// <param name="worker">False for an ingress-only host (<c>OrderSync:Worker:Enabled</c>): it answers webhooks and queues them, nothing more.</param>
    public static async Task<BenchmarkWorld> StartAsync(string runtime, bool worker = true)
    {
        var azurite = await AzuriteProcess.StartAsync(reuseRunning: false);
        ShopifyAdminSimulator? simulator = null;
        try
        {
            simulator = await ShopifyAdminSimulator.StartAsync(checkSchemas: false);
            // A bucket that never runs dry: the figures are to be OrderSync's, not the simulated Shopify rate limit's.
            var (vendor, settings) = LocalShellSettings.WithNewVendorStore(
                simulator, new StorageOptions { ConnectionString = azurite.ConnectionString }, maximumAvailable: 1e9, restoreRate: 1e9);
            settings["OrderSync:Runtime"] = runtime;
            settings["OrderSync:Worker:Enabled"] = worker ? "true" : "false";
            // Nothing but the pushes under test: no merchant store to back-fill from, no tracking to poll.
            settings["OrderSync:Backfill:Enabled"] = "false";
            settings["OrderSync:TrackingPoll:Enabled"] = "false";
            // Writing every span and log line to the console would measure the console.
            settings["OrderSync:Telemetry:Console"] = "false";
            settings["Logging:LogLevel:Default"] = "Warning";
            var host = await LocalHostProcess.StartAsync(settings);
            return new BenchmarkWorld(azurite, simulator, vendor, host);
        }
        catch
        {
            if (simulator is not null) await simulator.DisposeAsync();
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _simulator.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
