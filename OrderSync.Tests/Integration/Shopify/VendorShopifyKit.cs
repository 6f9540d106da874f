using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>A vendor store of its own on the shared Shopify simulator, with the vendor-side clients pointed at it.</summary>
internal sealed class VendorShopifyKit
{
    private const string Token = "shpat_vendor_token";

    private VendorShopifyKit(ShopifyAdminSimulator simulator, string domain, TimeSpan timeout)
    {
        Domain = domain;
        Simulated = simulator.AddStore(domain, Token);
        Store = new ShopifyStore(domain, simulator.AdminBaseUrl(domain), Token);
        var client = new ShopifyGraphQlClient(new HttpClient { Timeout = timeout }, TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System);
        Orders = new ShopifyVendorOrders(client);
        Updates = new ShopifyVendorOrderUpdates(client);
        Edits = new ShopifyVendorOrderEdits(client);
        Cancellation = new ShopifyVendorOrderCancellation(client);
        Fulfillments = new ShopifyVendorFulfillments(client);
    }

    public string Domain { get; }
    public SimulatedShopifyStore Simulated { get; }
    public SimulatedVendorSide Side => Simulated.VendorSide();
    public ShopifyStore Store { get; }
    public ShopifyVendorOrders Orders { get; }
    public ShopifyVendorOrderUpdates Updates { get; }
    public ShopifyVendorOrderEdits Edits { get; }
    public ShopifyVendorOrderCancellation Cancellation { get; }
    public ShopifyVendorFulfillments Fulfillments { get; }

    public static async Task<VendorShopifyKit> StartAsync(TimeSpan? timeout = null) =>
        new(await TestSimulators.ShopifyAsync(), $"vendor-{Guid.NewGuid():N}.myshopify.com", timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>Pushes an order (two lines) to the vendor store as OrderSync does; answers the vendor order id.</summary>
    public async Task<string> PushAsync(string merchantOrderId = "1001")
    {
        var created = await Orders.CreateAsync(Store, Draft(merchantOrderId), Key(merchantOrderId), mayHaveRun: false, CancellationToken.None);
        return created.Id;
    }

    public static string Key(string merchantOrderId) => $"push:merchant.myshopify.com:{merchantOrderId}:vendor-a";

    public int Calls(string field) => Simulated.Received.Count(r => r.Field == field);

    /// <summary>The standard draft with a second line: 5 × VENDOR-SKU-2.</summary>
    private static VendorOrderDraft Draft(string merchantOrderId) => VendorOrderDrafts.Draft(
        new OrderKey("merchant.myshopify.com", merchantOrderId),
        [VendorOrderDrafts.DifferenceEngine(), new RoutedLine("12", "VENDOR-SKU-2", "Punch cards", 5, 1.00m)]);

}
