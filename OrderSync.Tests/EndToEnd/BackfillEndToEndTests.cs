using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>OrderSync.Local's back-fill: an order whose webhook never came is read from the merchant's store and pushed, once.</summary>
[TestClass]
public class BackfillEndToEndTests : EndToEndLifecycleTest
{
    [TestMethod]
    public async Task Given_an_order_whose_webhook_never_came_When_the_back_fill_runs_Then_it_is_pushed_once_and_a_second_back_fill_and_the_late_webhook_add_nothing()
    {
        await StartAsync(new()
        {
            ["OrderSync:Backfill:Enabled"] = "true",
            ["OrderSync:Backfill:FirstRunDelay"] = "00:00:01",
            ["OrderSync:Backfill:Interval"] = "01:00:00",
        });

        var pushed = await World.OrderWithStatusAsync(OrderId, "pushed");
        var vendorOrder = World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!;
        CollectionAssert.AreEquivalent(new[] { (VendorSku1, 1), (VendorSku2, 1) }, vendorOrder.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
        StringAssert.Contains(Timeline(pushed)[0], "#9999");

        using var http = new HttpClient();
        var again = await http.PostAsync(new Uri(World.Host.BaseUrl, "api/backfill"), null);
        Assert.AreEqual(HttpStatusCode.Accepted, again.StatusCode);
        var result = await again.Content.ReadFromJsonAsync<JsonNode>();
        Assert.AreEqual(0, result!["queued"]!.GetValue<int>(), "the order is up to date: nothing to queue");
        CollectionAssert.AreEqual(new[] { ShopifyWebhookBuilder.MerchantShop }, result["stores"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray());
        var unknown = await http.PostAsync(new Uri(World.Host.BaseUrl, "api/backfill?shop=unknown.myshopify.com"), null);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);

        var seen = Timeline(await World.OrderAsync(OrderId)).Count;
        await World.PostAsync(Merchant("orders/create")); // the webhook, late
        await Eventually.GetAsync(() => World.OrderAsync(OrderId), o => Timeline(o).Count > seen, "the late webhook to reach the order");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second push to show
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "pushed once");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
    }
}
