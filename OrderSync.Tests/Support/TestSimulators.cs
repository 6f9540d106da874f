using OrderSync.Sandbox.Shopify;

namespace OrderSync.Tests.Support;

/// <summary>The platform simulators, one of each for the whole run, started on first use; each test adds stores of its own.</summary>
public static class TestSimulators
{
    private static readonly Lazy<Task<ShopifyAdminSimulator>> LazyShopify = new(() => ShopifyAdminSimulator.StartAsync());

    public static Task<ShopifyAdminSimulator> ShopifyAsync() => LazyShopify.Value;

    public static async Task StopAsync()
    {
        if (LazyShopify.IsValueCreated) await (await LazyShopify.Value).DisposeAsync();
    }
}
