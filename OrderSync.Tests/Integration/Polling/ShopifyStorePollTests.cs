using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Polling;
using OrderSync.Tests.Integration.Shopify;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>The tracking poll of a vendor Shopify store (on the Shopify simulator): its fulfillments become VendorShipped signals.</summary>
[TestClass]
public sealed class ShopifyStorePollTests : ShipmentFeedContract
{
    private VendorShopifyKit _vendor = null!;

    protected override string VendorId => "vendor-a";

    protected override int PageSize => 50; // the orders read asks for 50 orders a page

    internal override async Task<PollWorld> StartWorldAsync() => await WorldAsync();

    private async Task<PollWorld> WorldAsync(params VendorOptions[] more)
    {
        _vendor = await VendorShopifyKit.StartAsync();
        VendorOptions vendor = new() { Id = VendorId, ShopDomain = _vendor.Domain, AdminApiBaseUrl = _vendor.Store.AdminBaseUrl, AccessToken = _vendor.Store.AccessToken };
        return await PollWorld.StartAsync([.. more, vendor], new ShopifyShipmentFeed(_vendor.Fulfillments, TimeProvider.System));
    }

    protected override Task StopVendorAsync() => Task.CompletedTask; // the Shopify simulator is shared

    protected override async Task<string> ShipAsync(OrderKey merchantOrder, string trackingNumber, DateTimeOffset at)
    {
        var vendorOrder = await VendorOrderAsync(merchantOrder, async () =>
        {
            var id = await _vendor.PushAsync(merchantOrder.OrderId);
            await World.LinkAsync(VendorId, ShopifyIds.Numeric(id), merchantOrder);
            return id;
        });
        var fulfillment = _vendor.Side.AddFulfillment(vendorOrder, trackingNumber, "UPS", $"https://www.ups.com/track?tracknum={trackingNumber}", at,
            new Dictionary<int, int> { [0] = 2 });
        return ShopifyIds.Numeric(fulfillment.Id);
    }

    protected override async Task<string> ShipUnknownOrderAsync(string trackingNumber, DateTimeOffset at)
    {
        var vendorOrder = await _vendor.PushAsync("4711"); // never linked to a merchant order
        _vendor.Side.AddFulfillment(vendorOrder, trackingNumber, "UPS", null, at);
        return ShopifyIds.Numeric(vendorOrder);
    }

    protected override string? LastPageCursorAsked() =>
        _vendor.Simulated.Received.Last(r => r.Field == "orders").Variables["after"]?.GetValue<string>();

    /// <summary>fulfillments/create names the vendor order and lines by number, and the order is linked by number at push time.</summary>
    protected override void AssertAsItsWebhookGives(SignalEnvelope polled)
    {
        var shipped = (VendorShipped)polled.Signal;
        Assert.AreEqual(ShopifyIds.Numeric(VendorOrderOf(Merchant)), shipped.VendorOrderId);
        Assert.AreEqual(("VENDOR-SKU-1", 2), (shipped.Shipment.Lines.Single().Sku, shipped.Shipment.Lines.Single().Quantity));
        Assert.AreEqual("UPS", shipped.Shipment.Carrier);
    }

    [TestMethod]
    public async Task A_cancelled_fulfillment_is_not_a_shipment()
    {
        var vendorOrder = await _vendor.PushAsync(Merchant.OrderId);
        await World.LinkAsync(VendorId, ShopifyIds.Numeric(vendorOrder), Merchant);
        _vendor.Side.AddFulfillment(vendorOrder, "X1", "UPS", null, DateTimeOffset.UtcNow, status: "CANCELLED");

        await World.PollAsync();

        Assert.AreEqual(0, World.Queue.Queued.Count);
    }

    [TestMethod]
    public async Task One_vendors_failure_does_not_stop_the_others()
    {
        var broken = new VendorOptions { Id = "vendor-broken", ShopDomain = "broken.myshopify.com", AdminApiBaseUrl = new Uri("http://127.0.0.1:9/"), AccessToken = "x" };
        var world = await WorldAsync(broken);
        var vendorOrder = await _vendor.PushAsync(Merchant.OrderId);
        await world.LinkAsync(VendorId, ShopifyIds.Numeric(vendorOrder), Merchant);
        _vendor.Side.AddFulfillment(vendorOrder, "1Z999AA10123456784", "UPS", null, DateTimeOffset.UtcNow);

        var result = await world.PollAsync();

        CollectionAssert.AreEqual(new[] { "vendor-broken" }, result.FailedVendors.ToArray());
        Assert.AreEqual(1, world.Queue.Queued.Count);
    }
}
