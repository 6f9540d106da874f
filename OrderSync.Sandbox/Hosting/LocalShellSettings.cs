using OrderSync.Core.Storage;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Sandbox.Hosting;

/// <summary>
/// The settings of an OrderSync.Local whose world is simulated: its storage, the merchant store of
/// <see cref="ShopifyWebhookBuilder"/>, one mapped product, and a vendor store of its own on the Shopify simulator.
/// Shared by the end-to-end tests and the benchmark, so both drive the same configuration.
/// </summary>
public static class LocalShellSettings
{
    public const string MerchantSku = "IPOD2008PINK";
    public const string VendorId = "vendor-a";
    public const string VendorSku = "VENDOR-IPOD-NANO";

    /// <summary>Adds a vendor store (made-up domain and token) to <paramref name="simulator"/> and returns it with the host's settings.</summary>
    /// <param name="maximumAvailable">The vendor store's cost bucket (points), as <see cref="ShopifyAdminSimulator.AddStore"/> takes it.</param>
    /// <param name="restoreRate">Points the vendor store's bucket restores per second.</param>
    public static (SimulatedShopifyStore Vendor, Dictionary<string, string> Settings) WithNewVendorStore(
        ShopifyAdminSimulator simulator, StorageOptions storage,
        double maximumAvailable = SimulatedShopifyStore.DefaultMaximumAvailable, double restoreRate = SimulatedShopifyStore.DefaultRestoreRate)
    {
        var vendorShop = $"vendor-{Guid.NewGuid():N}"[..20] + ".myshopify.com";
        var token = "shpat_" + Guid.NewGuid().ToString("N");
        var vendor = simulator.AddStore(vendorShop, token, maximumAvailable, restoreRate);
        var settings = new Dictionary<string, string>
        {
            ["OrderSync:Storage:ConnectionString"] = storage.ConnectionString,
            ["OrderSync:Storage:TablePrefix"] = storage.TablePrefix,
            ["OrderSync:Storage:SignalQueue"] = storage.SignalQueue,
            ["OrderSync:Shopify:WebhookSecrets:0"] = ShopifyWebhookBuilder.Secret,
            ["OrderSync:Merchants:0:Shop"] = ShopifyWebhookBuilder.MerchantShop,
            ["OrderSync:Merchants:0:ProductMappings:0:MerchantSku"] = MerchantSku,
            ["OrderSync:Merchants:0:ProductMappings:0:VendorId"] = VendorId,
            ["OrderSync:Merchants:0:ProductMappings:0:VendorSku"] = VendorSku,
            ["OrderSync:Vendors:0:Id"] = VendorId,
            ["OrderSync:Vendors:0:ShopDomain"] = vendorShop,
            ["OrderSync:Vendors:0:AdminApiBaseUrl"] = simulator.AdminBaseUrl(vendorShop).ToString(),
            ["OrderSync:Vendors:0:AccessToken"] = token,
        };
        return (vendor, settings);
    }
}
