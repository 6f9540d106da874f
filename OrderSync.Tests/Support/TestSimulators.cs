using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;

namespace OrderSync.Tests.Support;

/// <summary>The platform simulators, one of each for the whole run, started on first use; each test adds stores of its own.</summary>
public static class TestSimulators
{
    private static readonly Lazy<Task<ShopifyAdminSimulator>> LazyShopify = new(() => ShopifyAdminSimulator.StartAsync());

    private static readonly Lazy<Task<StripeSimulator>> LazyStripe = new(() => StripeSimulator.StartAsync());

    public static Task<ShopifyAdminSimulator> ShopifyAsync() => LazyShopify.Value;

    public static Task<StripeSimulator> StripeAsync() => LazyStripe.Value;

    public static async Task StopAsync()
    {
        if (LazyShopify.IsValueCreated) await (await LazyShopify.Value).DisposeAsync();
        if (LazyStripe.IsValueCreated) await (await LazyStripe.Value).DisposeAsync();
    }
}
