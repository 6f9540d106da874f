using System.Security.Cryptography;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox.Azurite;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Local.Sandbox;

/// <summary>
/// Sandbox mode (OrderSync:Sandbox:Enabled=true): a first run with no accounts. It starts Azurite when no storage is
/// configured, a simulated vendor Shopify store, and configures a demo merchant whose orders go to that vendor.
/// Its webhook secret and token are made up for this run only.
/// </summary>
public sealed class LocalSandbox : IAsyncDisposable
{
    public const string MerchantShop = "sandbox-merchant.myshopify.com";
    public const string VendorShop = "sandbox-vendor.myshopify.com";
    private const string VendorId = "sandbox-vendor";

    private readonly AzuriteProcess? _azurite;
    private readonly ShopifyAdminSimulator _shopify;
    private readonly string _webhookSecret;

    private LocalSandbox(AzuriteProcess? azurite, ShopifyAdminSimulator shopify, string webhookSecret)
    {
        _azurite = azurite;
        _shopify = shopify;
        _webhookSecret = webhookSecret;
    }

    public static async Task<LocalSandbox?> StartIfEnabledAsync(ConfigurationManager configuration)
    {
        if (!configuration.GetValue<bool>("OrderSync:Sandbox:Enabled")) return null;

        var azurite = string.IsNullOrEmpty(configuration["OrderSync:Storage:ConnectionString"])
            ? await AzuriteProcess.StartAsync(reuseRunning: true)
            : null;
        var shopify = await ShopifyAdminSimulator.StartAsync(configuration.GetValue("OrderSync:Sandbox:ShopifyPort", 0));
        var token = "shpat_sandbox_" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        var secret = RandomNumberGenerator.GetHexString(32, lowercase: true);
        shopify.AddStore(VendorShop, token);

        var settings = new Dictionary<string, string?>
        {
            ["OrderSync:Shopify:WebhookSecrets:0"] = secret,
            ["OrderSync:Merchants:0:Shop"] = MerchantShop,
            ["OrderSync:Merchants:0:PushUnmappedProducts"] = "true",
            ["OrderSync:Merchants:0:DefaultVendorId"] = VendorId,
            ["OrderSync:Merchants:0:ProductMappings:0:MerchantSku"] = "IPOD2008PINK",
            ["OrderSync:Merchants:0:ProductMappings:0:VendorId"] = VendorId,
            ["OrderSync:Merchants:0:ProductMappings:0:VendorSku"] = "VENDOR-IPOD-NANO-8GB-PINK",
            ["OrderSync:Vendors:0:Id"] = VendorId,
            ["OrderSync:Vendors:0:Kind"] = "ShopifyStore",
            ["OrderSync:Vendors:0:ShopDomain"] = VendorShop,
            ["OrderSync:Vendors:0:AdminApiBaseUrl"] = shopify.AdminBaseUrl(VendorShop).ToString(),
            ["OrderSync:Vendors:0:AccessToken"] = token,
        };
        if (azurite is not null) settings["OrderSync:Storage:ConnectionString"] = azurite.ConnectionString;
        configuration.AddInMemoryCollection(settings);
        return new LocalSandbox(azurite, shopify, secret);
    }

    /// <summary>Prints where OrderSync listens and a command that sends it a signed sample order.</summary>
    public void PrintWelcome(string url)
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "shopify", "orders-create-paid.json");
        var signature = ShopifyWebhookSignature.Compute(File.ReadAllBytes(sample), _webhookSecret);
        var webhookId = Guid.NewGuid();
        Console.WriteLine($"""

            OrderSync is running in sandbox mode at {url}
              storage:              {(_azurite is null ? "configured connection string" : _azurite.Owned ? "Azurite started in memory for this run" : "Azurite already running on the default ports")}
              vendor store (sim.):  {_shopify.AdminBaseUrl(VendorShop)}orders.json

            Send a signed sample order (Shopify's documented sample, as a new paid order) from the merchant store:

            curl -sS -i -X POST {url}/api/webhooks/shopify \
              -H 'Content-Type: application/json' \
              -H 'X-Shopify-Topic: orders/create' \
              -H 'X-Shopify-Shop-Domain: {MerchantShop}' \
              -H 'X-Shopify-API-Version: 2026-07' \
              -H 'X-Shopify-Webhook-Id: {webhookId}' \
              -H 'X-Shopify-Hmac-Sha256: {signature}' \
              --data-binary @{sample}

            Then see the order, its vendor push and its timeline:

            curl -s {url}/api/orders/{MerchantShop}/820982911946154508

            Press Ctrl+C to stop.
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _shopify.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
