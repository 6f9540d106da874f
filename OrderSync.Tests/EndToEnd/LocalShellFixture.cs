using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Storage;
using OrderSync.Local;
using OrderSync.Sandbox.Hosting;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// One end-to-end world: its own tables and queue on Azurite, a vendor store on the Shopify simulator, and
/// OrderSync.Local as a real process configured for them (and restartable, as after a crash). More hosts can join over the
/// same tables, queue and vendor, as several processes of one installation do.
/// </summary>
public sealed class LocalShellFixture : IAsyncDisposable
{
    public const string VendorId = LocalShellSettings.VendorId;
    public const string VendorSku = LocalShellSettings.VendorSku;
    private readonly Dictionary<string, string> _settings;
    private readonly HttpClient _http = new();
    private readonly List<LocalHostProcess> _others = [];

    private LocalShellFixture(SimulatedShopifyStore vendor, StorageOptions storage, Dictionary<string, string> settings)
    {
        Vendor = vendor;
        Storage = storage;
        _settings = settings;
    }

    public SimulatedShopifyStore Vendor { get; }

    /// <summary>The world's own tables and queue, for tests that look at (or break) what is stored.</summary>
    public StorageOptions Storage { get; }

    public LocalHostProcess Host { get; private set; } = null!;

    /// <summary>What every host of the world wrote, host by host.</summary>
    public string Output => string.Join(Environment.NewLine, new[] { Host }.Concat(_others).Where(h => h is not null)
        .Select(h => $"----- OrderSync.Local at {h.BaseUrl}{Environment.NewLine}{h.Output}"));

    /// <param name="moreSettings">Settings added to (or replacing) the world's own, e.g. a merchant store or PayPal for lifecycle tests.</param>
    /// <param name="runtime">What runs the orders in the world's hosts; on the durable one, the world has a task hub of its own.</param>
    public static async Task<LocalShellFixture> StartAsync(
        ShopifyAdminSimulator simulator, IReadOnlyDictionary<string, string>? moreSettings = null, OrderRuntime runtime = OrderRuntime.Outbox)
    {
        var storage = await TestStorage.IsolatedAsync();
        var (vendor, settings) = LocalShellSettings.WithNewVendorStore(simulator, storage);
        // Short enough that a crashed worker's message and command claim lapse within a test.
        settings["OrderSync:Worker:VisibilityTimeout"] = "00:00:04";
        settings["OrderSync:Worker:CommandLease"] = "00:00:02";
        settings["OrderSync:Worker:MaxIdleDelay"] = "00:00:00.200";
        // Off unless a test turns it on: a lifecycle test's merchant order would otherwise be fed by the back-fill too.
        settings["OrderSync:Backfill:Enabled"] = "false";
        settings[OrderRuntimeSetting.Key] = runtime.ToString();
        if (runtime == OrderRuntime.Durable) foreach (var (key, value) in DurableSettings()) settings[key] = value;
        foreach (var (key, value) in moreSettings ?? new Dictionary<string, string>()) settings[key] = value;
        var fixture = new LocalShellFixture(vendor, storage, settings);
        await fixture.StartHostAsync();
        return fixture;
    }

    /// <summary>
    /// A task hub of the world's own, in one partition, with a killed host's work back within seconds. Not as short as the
    /// worker's 4 s: the engine does not renew a running activity's hold, so an activity longer than the visibility
    /// timeout (the slow-call test's 8 s push) would run a second time.
    /// </summary>
    private static Dictionary<string, string> DurableSettings() => new()
    {
        ["OrderSync:Durable:TaskHub"] = "e2e" + Guid.NewGuid().ToString("N")[..16],
        ["OrderSync:Durable:PartitionCount"] = "1",
        ["OrderSync:Durable:MaxQueuePollingInterval"] = "00:00:00.250",
        ["OrderSync:Durable:VisibilityTimeout"] = "00:00:20",
        ["OrderSync:Durable:PartitionLease"] = "00:00:06",
    };

    public async Task StartHostAsync() => Host = await StartCheckedHostAsync();

    /// <summary>Starts one more OrderSync.Local (its own port) over the same tables, queue and vendor; stopped with the world.</summary>
    public async Task<LocalHostProcess> StartAnotherHostAsync()
    {
        var host = await StartCheckedHostAsync();
        _others.Add(host);
        return host;
    }

    /// <summary>A host that says it runs the orders on the runtime asked for (a setting it ignored would prove nothing).</summary>
    private async Task<LocalHostProcess> StartCheckedHostAsync()
    {
        var host = await LocalHostProcess.StartAsync(_settings);
        var says = $"orders run on the {_settings[OrderRuntimeSetting.Key]} runtime";
        await Eventually.GetAsync(() => Task.FromResult(host.Output.Contains(says, StringComparison.Ordinal)), said => said, $"the host to say \"{says}\"");
        return host;
    }

    /// <param name="to">The host that receives it; the world's first host when not given.</param>
    public async Task<HttpResponseMessage> PostAsync(ShopifyWebhookBuilder webhook, LocalHostProcess? to = null) =>
        await _http.SendAsync(webhook.ToRequest((to ?? Host).BaseUrl));

    public async Task<HttpResponseMessage> PostRetryAsync(string orderId, string operatorName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, $"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{orderId}/retry"));
        request.Headers.Add("X-Operator", operatorName);
        return await _http.SendAsync(request);
    }

    /// <summary>The ops API's view of an order, or null while it is unknown (404).</summary>
    /// <param name="from">The host asked; the world's first host when not given.</param>
    public async Task<JsonNode?> OrderAsync(string orderId, LocalHostProcess? from = null)
    {
        var response = await _http.GetAsync(new Uri((from ?? Host).BaseUrl, $"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{orderId}"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>();
    }

    /// <summary>A JSON answer of the ops API (e.g. "api/poisoned", "api/orders?status=attention"), which must be a success.</summary>
    public async Task<JsonNode> OpsAsync(string pathAndQuery)
    {
        var response = await _http.GetAsync(new Uri(Host.BaseUrl, pathAndQuery));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public Task<JsonNode?> OrderWithStatusAsync(string orderId, string status) =>
        Eventually.GetAsync(() => OrderAsync(orderId), o => o?["status"]?.GetValue<string>() == status, $"order {orderId} to be {status}");

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        foreach (var other in _others) await other.DisposeAsync();
        _http.Dispose();
    }
}
