using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderSync.Core.Hosting;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Tests.Support;

/// <summary>OrderSync's Core wired by AddOrderSync on isolated Azurite storage, with a recording queue in place of the real one (unless asked for the real one).</summary>
public static class TestIngress
{
    public const string StripeSecret = "whsec_test";
    public const string ShipHeroVendor = "shiphero-3pl";
    public const string ShipHeroSecret = "shiphero-shared-secret";
    public const string HttpVendor = "http-vendor";
    public const string HttpVendorSecret = "http-vendor-secret";

    /// <param name="realQueue">Keep the Azurite signal queue AddOrderSync registers, for tests of what travels through it.</param>
    public static async Task<ServiceProvider> ServicesAsync(IDictionary<string, string?>? settings = null, bool realQueue = false)
    {
        var storage = await TestStorage.IsolatedAsync();
        var all = new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = storage.ConnectionString,
            ["OrderSync:Storage:TablePrefix"] = storage.TablePrefix,
            ["OrderSync:Storage:SignalQueue"] = storage.SignalQueue,
            ["OrderSync:Shopify:WebhookSecrets:0"] = ShopifyWebhookBuilder.Secret,
            ["OrderSync:Stripe:WebhookSecrets:0"] = StripeSecret,
            ["OrderSync:Vendors:0:Id"] = "vendor-a",
            ["OrderSync:Vendors:0:ShopDomain"] = "vendor-store.myshopify.com",
            ["OrderSync:Vendors:0:AccessToken"] = "token",
            ["OrderSync:Vendors:1:Id"] = ShipHeroVendor,
            ["OrderSync:Vendors:1:Kind"] = "ShipHero",
            ["OrderSync:Vendors:1:WebhookSecrets:0"] = ShipHeroSecret,
            ["OrderSync:Vendors:2:Id"] = HttpVendor,
            ["OrderSync:Vendors:2:Kind"] = "HttpVendor",
            ["OrderSync:Vendors:2:WebhookSecrets:0"] = HttpVendorSecret,
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:ClientId"] = "test-client-id",
            ["OrderSync:PayPal:ClientSecret"] = "test-client-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Critical)).AddOrderSync(configuration);
        if (!realQueue) services.AddSingleton<ISignalQueue, RecordingSignalQueue>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }
}
