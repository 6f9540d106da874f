using System.Text.Json.Nodes;
using OrderSync.Local;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// A world for lifecycle tests: the vendor store, the merchant's own store (on the same Shopify simulator, holding the order,
/// OrderSync configured with its Admin API URL and token), a PayPal simulator over loopback http (OrderSync configured with
/// it), and OrderSync.Local. The order has two lines, mapped to two vendor SKUs of vendor-a, so a shipment names its line.
/// </summary>
public abstract class EndToEndLifecycleTest
{
    protected const string MerchantSku2 = "IPOD2008BLACK";
    protected const string VendorSku1 = LocalShellFixture.VendorSku;
    protected const string VendorSku2 = "VENDOR-IPOD-NANO-BLACK";
    private const string PayPalClientId = "e2e-client";
    private const string PayPalClientSecret = "e2e-secret";
    private const string PayPalWebhookId = "E2EWEBHOOK1";
    private readonly HttpClient _http = new();

    protected LocalShellFixture World { get; private set; } = null!;

    protected PayPalSimulator PayPal { get; private set; } = null!;

    protected SimulatedShopifyStore MerchantStore { get; private set; } = null!;

    protected SimulatedMerchantOrder MerchantOrder { get; private set; } = null!;

    /// <summary>The merchant order's numeric id, as its webhooks and the ops API name it.</summary>
    protected string OrderId => MerchantOrder.Id[(MerchantOrder.Id.LastIndexOf('/') + 1)..];

    public TestContext TestContext { get; set; } = null!;

    /// <summary>What runs the orders: the durable runtime for the suite's classes marked <see cref="IOnDurableRuntime"/>.</summary>
    private OrderRuntime Runtime => this is IOnDurableRuntime ? OrderRuntime.Durable : OrderRuntime.Outbox;

    [TestInitialize]
    public async Task StartPayPalAsync() => PayPal = await PayPalSimulator.StartHttpAsync(PayPalClientId, PayPalClientSecret);

    /// <summary>Seeds the merchant's order (with <paramref name="transactions"/>) and starts OrderSync.Local configured for this world.</summary>
    /// <param name="lines">The order's lines; by default one unit of each mapped product.</param>
    protected async Task StartAsync(Dictionary<string, string>? settings = null, IEnumerable<SeedTransaction>? transactions = null, IEnumerable<SeedLine>? lines = null)
    {
        var shopify = await TestSimulators.ShopifyAsync();
        var token = "shpat_" + Guid.NewGuid().ToString("N");
        MerchantStore = shopify.AddStore(ShopifyWebhookBuilder.MerchantShop, token);
        MerchantOrder = MerchantStore.SeedMerchantOrder("#9999",
            lines ?? [new SeedLine("IPOD2008PINK", "IPod Nano - 8GB", 1), new SeedLine(MerchantSku2, "IPod Nano - 8GB", 1)], transactions);

        var all = new Dictionary<string, string>
        {
            ["OrderSync:Merchants:0:AdminApiBaseUrl"] = shopify.AdminBaseUrl(ShopifyWebhookBuilder.MerchantShop).ToString(),
            ["OrderSync:Merchants:0:AccessToken"] = token,
            ["OrderSync:Merchants:0:ProductMappings:1:MerchantSku"] = MerchantSku2,
            ["OrderSync:Merchants:0:ProductMappings:1:VendorId"] = LocalShellFixture.VendorId,
            ["OrderSync:Merchants:0:ProductMappings:1:VendorSku"] = VendorSku2,
            ["OrderSync:PayPal:WebhookId"] = PayPalWebhookId,
            // Online: OrderSync asks the PayPal simulator to verify each webhook, as it would ask PayPal (Offline needs a certificate from PayPal's own hosts).
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ApiBaseUrl"] = PayPal.BaseUrl.ToString(),
            ["OrderSync:PayPal:ClientId"] = PayPalClientId,
            ["OrderSync:PayPal:ClientSecret"] = PayPalClientSecret,
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        World = await LocalShellFixture.StartAsync(shopify, all, Runtime);
    }

    [TestCleanup]
    public async Task StopWorldAsync()
    {
        if (World is not null)
        {
            if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed) TestContext.WriteLine(World.Host.Output);
            await World.DisposeAsync();
        }
        await PayPal.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>A PayPal webhook delivery, signed by the PayPal simulator as PayPal signs (PAYPAL-* headers) for this world's subscription.</summary>
    protected async Task<HttpResponseMessage> PostPayPalAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(World.Host.BaseUrl, "api/webhooks/paypal")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in PayPal.Sign(body, PayPalWebhookId)) request.Headers.TryAddWithoutValidation(name, value);
        return await _http.SendAsync(request);
    }

    /// <summary>A webhook from the merchant's store: Shopify's sample order as a new paid order, with the seeded order's ids, then <paramref name="change"/>.</summary>
    protected ShopifyWebhookBuilder Merchant(string topic, Action<JsonObject>? change = null) => new ShopifyWebhookBuilder().WithTopic(topic).WithBodyChanged(order =>
    {
        order["id"] = long.Parse(OrderId);
        order["admin_graphql_api_id"] = MerchantOrder.Id;
        var lines = order["line_items"]!.AsArray();
        Assert.IsTrue(lines.Count >= MerchantOrder.LineItems.Count, "the sample has a line for each seeded line");
        while (lines.Count > MerchantOrder.LineItems.Count) lines.RemoveAt(lines.Count - 1);
        for (var i = 0; i < lines.Count; i++)
        {
            var seeded = MerchantOrder.LineItems[i];
            lines[i]!["id"] = long.Parse(seeded.Id[(seeded.Id.LastIndexOf('/') + 1)..]);
            lines[i]!["admin_graphql_api_id"] = seeded.Id;
            lines[i]!["sku"] = seeded.Sku;
            lines[i]!["quantity"] = seeded.Quantity;
            lines[i]!["current_quantity"] = seeded.Quantity;
            lines[i]!["fulfillable_quantity"] = seeded.Quantity;
        }
        change?.Invoke(order);
    });

    /// <summary>The order placed (paid) and pushed to the vendor.</summary>
    protected async Task<JsonNode?> PushedAsync()
    {
        await World.PostAsync(Merchant("orders/create"));
        return await World.OrderWithStatusAsync(OrderId, "pushed");
    }

    /// <summary>The vendor store's fulfillments/create for its one order: one unit of the line with <paramref name="vendorSku"/>, one UPS tracking number.</summary>
    protected ShopifyWebhookBuilder VendorShipment(long fulfillmentId, string trackingNumber, string vendorSku) =>
        VendorShipmentWebhook.For(World.Vendor, World.Vendor.Orders.Single().Id, vendorSku, fulfillmentId, trackingNumber);

    protected static IReadOnlyList<string> Timeline(JsonNode? order) =>
        [.. order!["timeline"]!.AsArray().Select(t => t!["summary"]!.GetValue<string>())];

    protected static IReadOnlyList<string> OpenAttention(JsonNode? order) =>
        [.. order!["state"]!["attention"]!.AsArray().Where(a => a!["acknowledgedBy"] is null).Select(a => a!["reason"]!.GetValue<string>())];
}
