using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// One end-to-end world: its own tables and queue on Azurite, a vendor store on the Shopify simulator, and
/// OrderSync.Local as a real process configured for them (and restartable, as after a crash).
/// </summary>
public sealed class LocalShellFixture : IAsyncDisposable
{
    public const string VendorId = "vendor-a";
    public const string VendorSku = "VENDOR-IPOD-NANO";
    private readonly Dictionary<string, string> _settings;
    private readonly HttpClient _http = new();

    private LocalShellFixture(SimulatedShopifyStore vendor, Dictionary<string, string> settings)
    {
        Vendor = vendor;
        _settings = settings;
    }

    public SimulatedShopifyStore Vendor { get; }

    public LocalHostProcess Host { get; private set; } = null!;

    /// <param name="moreSettings">Settings added to (or replacing) the world's own, e.g. a merchant store or PayPal for lifecycle tests.</param>
    public static async Task<LocalShellFixture> StartAsync(ShopifyAdminSimulator simulator, IReadOnlyDictionary<string, string>? moreSettings = null)
    {
        var storage = await TestStorage.IsolatedAsync();
        var vendorShop = $"vendor-{Guid.NewGuid():N}"[..20] + ".myshopify.com";
        var token = "shpat_" + Guid.NewGuid().ToString("N");
        var vendor = simulator.AddStore(vendorShop, token);
        var settings = new Dictionary<string, string>
        {
            ["OrderSync:Storage:ConnectionString"] = storage.ConnectionString,
            ["OrderSync:Storage:TablePrefix"] = storage.TablePrefix,
            ["OrderSync:Storage:SignalQueue"] = storage.SignalQueue,
            ["OrderSync:Shopify:WebhookSecrets:0"] = ShopifyWebhookBuilder.Secret,
            ["OrderSync:Merchants:0:Shop"] = ShopifyWebhookBuilder.MerchantShop,
            ["OrderSync:Merchants:0:ProductMappings:0:MerchantSku"] = "IPOD2008PINK",
            ["OrderSync:Merchants:0:ProductMappings:0:VendorId"] = VendorId,
            ["OrderSync:Merchants:0:ProductMappings:0:VendorSku"] = VendorSku,
            ["OrderSync:Vendors:0:Id"] = VendorId,
            ["OrderSync:Vendors:0:ShopDomain"] = vendorShop,
            ["OrderSync:Vendors:0:AdminApiBaseUrl"] = simulator.AdminBaseUrl(vendorShop).ToString(),
            ["OrderSync:Vendors:0:AccessToken"] = token,
            // Short enough that a crashed worker's message and command claim lapse within a test.
            ["OrderSync:Worker:VisibilityTimeout"] = "00:00:04",
            ["OrderSync:Worker:CommandLease"] = "00:00:02",
            ["OrderSync:Worker:MaxIdleDelay"] = "00:00:00.200",
            // Off unless a test turns it on: a lifecycle test's merchant order would otherwise be fed by the back-fill too.
            ["OrderSync:Backfill:Enabled"] = "false",
        };
        foreach (var (key, value) in moreSettings ?? new Dictionary<string, string>()) settings[key] = value;
        var fixture = new LocalShellFixture(vendor, settings);
        await fixture.StartHostAsync();
        return fixture;
    }

    public async Task StartHostAsync() => Host = await LocalHostProcess.StartAsync(_settings);

    public async Task<HttpResponseMessage> PostAsync(ShopifyWebhookBuilder webhook) => await _http.SendAsync(webhook.ToRequest(Host.BaseUrl));

    public async Task<HttpResponseMessage> PostRetryAsync(string orderId, string operatorName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, $"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{orderId}/retry"));
        request.Headers.Add("X-Operator", operatorName);
        return await _http.SendAsync(request);
    }

    /// <summary>The ops API's view of an order, or null while it is unknown (404).</summary>
    public async Task<JsonNode?> OrderAsync(string orderId)
    {
        var response = await _http.GetAsync(new Uri(Host.BaseUrl, $"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{orderId}"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>();
    }

    public Task<JsonNode?> OrderWithStatusAsync(string orderId, string status) =>
        Eventually.GetAsync(() => OrderAsync(orderId), o => o?["status"]?.GetValue<string>() == status, $"order {orderId} to be {status}");

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        _http.Dispose();
    }
}
