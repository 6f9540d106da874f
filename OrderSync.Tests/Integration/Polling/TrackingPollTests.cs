using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>The tracking poll against Azurite and the Shopify simulator: vendor fulfillments become queued VendorShipped signals.</summary>
[TestClass]
public sealed class TrackingPollTests
{
    private static readonly OrderKey Merchant = new("merchant.myshopify.com", "820982911946154508");

    [TestMethod]
    public async Task A_vendor_fulfillment_becomes_one_queued_VendorShipped_for_the_merchant_order()
    {
        var kit = await TrackingPollKit.StartAsync();
        var vendorOrder = await kit.PushLinkedAsync(Merchant);
        var fulfillment = kit.Vendor.Side.AddFulfillment(vendorOrder, "1Z999AA10123456784", "UPS", "https://www.ups.com/track?tracknum=1Z999AA10123456784",
            DateTimeOffset.UtcNow, new Dictionary<int, int> { [0] = 2 });

        var result = await kit.PollAsync();

        Assert.AreEqual(1, result.Routed);
        var envelope = kit.Queue.Queued.Single();
        Assert.AreEqual(Merchant, envelope.Order);
        var shipped = (VendorShipped)envelope.Signal;
        Assert.AreEqual(TrackingPollKit.VendorId, shipped.VendorId);
        Assert.AreEqual(ShopifyIds.Numeric(vendorOrder), shipped.VendorOrderId, "named by number, as the webhook names it");
        Assert.AreEqual(ShopifyIds.Numeric(fulfillment.Id), shipped.Shipment.ShipmentId);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, shipped.Shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipped.Shipment.Carrier);
        Assert.AreEqual(("VENDOR-SKU-1", 2), (shipped.Shipment.Lines.Single().Sku, shipped.Shipment.Lines.Single().Quantity));
        Assert.AreEqual("tracking-poll", envelope.Origin.Source);
    }

    [TestMethod]
    public async Task A_second_poll_queues_nothing_new_and_the_cursor_has_advanced()
    {
        var kit = await TrackingPollKit.StartAsync();
        var vendorOrder = await kit.PushLinkedAsync(Merchant);
        var shippedAt = DateTimeOffset.UtcNow.AddMinutes(1);
        kit.Vendor.Side.AddFulfillment(vendorOrder, "1Z999AA10123456784", "UPS", null, shippedAt);
        await kit.PollAsync();

        var cursor = await kit.CursorAsync();
        var second = await kit.PollAsync();

        Assert.AreEqual(0, second.Routed);
        Assert.AreEqual(1, kit.Queue.Queued.Count);
        Assert.IsNotNull(cursor);
        Assert.IsNull(cursor.After);
        Assert.AreEqual(shippedAt.ToUnixTimeSeconds(), cursor.Since.ToUnixTimeSeconds(), "the next read starts at the latest change read");
        var query = kit.Vendor.Simulated.Received.Last(r => r.Field == "orders").Variables["query"]!.GetValue<string>();
        StringAssert.Contains(query, shippedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    }

    [TestMethod]
    public async Task A_failure_while_queueing_leaves_the_cursor_where_it_was_and_the_next_poll_queues_the_shipment()
    {
        var kit = await TrackingPollKit.StartAsync();
        var vendorOrder = await kit.PushLinkedAsync(Merchant);
        kit.Vendor.Side.AddFulfillment(vendorOrder, "FIRST", "UPS", null, DateTimeOffset.UtcNow);
        await kit.PollAsync();
        var before = await kit.CursorAsync();
        kit.Vendor.Side.AddFulfillment(vendorOrder, "SECOND", "UPS", null, DateTimeOffset.UtcNow.AddMinutes(2));

        kit.Queue.SucceedFirst = 0;
        var failed = await kit.PollAsync();

        CollectionAssert.AreEqual(new[] { TrackingPollKit.VendorId }, failed.FailedVendors.ToArray());
        Assert.AreEqual(before, await kit.CursorAsync());
        Assert.AreEqual(1, kit.Queue.Queued.Count);

        var retried = await kit.PollAsync();

        Assert.AreEqual(1, retried.Routed);
        CollectionAssert.AreEqual(new[] { "FIRST", "SECOND" },
            kit.Queue.Queued.Select(e => ((VendorShipped)e.Signal).Shipment.TrackingNumbers.Single()).ToArray());
        Assert.IsTrue((await kit.CursorAsync())!.Since > before!.Since);
    }

    [TestMethod]
    public async Task A_failure_on_a_later_page_keeps_the_pages_before_it_and_the_next_poll_resumes_there()
    {
        var kit = await TrackingPollKit.StartAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 51; i++) // one more than a page
        {
            var vendorOrder = await kit.PushLinkedAsync(Merchant with { OrderId = $"{1000 + i}" });
            kit.Vendor.Side.AddFulfillment(vendorOrder, $"T{i}", "UPS", null, now.AddSeconds(i));
        }

        kit.Queue.SucceedFirst = 50;
        var failed = await kit.PollAsync();

        Assert.AreEqual(1, failed.FailedVendors.Count);
        Assert.AreEqual(50, kit.Queue.Queued.Count);
        var midway = await kit.CursorAsync();
        Assert.IsNotNull(midway?.After, "the first page is behind the cursor");

        var resumed = await kit.PollAsync();

        Assert.AreEqual(1, resumed.Routed);
        Assert.AreEqual(midway.After, kit.Vendor.Simulated.Received.Last(r => r.Field == "orders").Variables["after"]!.GetValue<string>());
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 51).Select(i => $"T{i}").ToArray(),
            kit.Queue.Queued.Select(e => ((VendorShipped)e.Signal).Shipment.TrackingNumbers.Single()).ToArray());
        Assert.IsNull((await kit.CursorAsync())!.After);
    }

    [TestMethod]
    public async Task A_fulfillment_of_an_unknown_vendor_order_is_parked_not_lost()
    {
        var kit = await TrackingPollKit.StartAsync();
        var vendorOrder = await kit.Vendor.PushAsync("4711"); // never linked to a merchant order
        kit.Vendor.Side.AddFulfillment(vendorOrder, "1Z999AA10123456784", "UPS", null, DateTimeOffset.UtcNow);

        var result = await kit.PollAsync();

        Assert.AreEqual(1, result.Routed);
        Assert.AreEqual(0, kit.Queue.Queued.Count);
        var parked = (await kit.Unmatched.ListAsync(10, CancellationToken.None)).Single();
        Assert.AreEqual(ShopifyIds.Numeric(vendorOrder), ((VendorShipped)parked.Signal.Signal).VendorOrderId);
        StringAssert.Contains(parked.Reason, $"vendor-order:{TrackingPollKit.VendorId} {ShopifyIds.Numeric(vendorOrder)}");
    }

    [TestMethod]
    public async Task A_cancelled_fulfillment_is_not_a_shipment()
    {
        var kit = await TrackingPollKit.StartAsync();
        var vendorOrder = await kit.PushLinkedAsync(Merchant);
        kit.Vendor.Side.AddFulfillment(vendorOrder, "X1", "UPS", null, DateTimeOffset.UtcNow, status: "CANCELLED");

        await kit.PollAsync();

        Assert.AreEqual(0, kit.Queue.Queued.Count);
    }

    [TestMethod]
    public async Task One_vendors_failure_does_not_stop_the_others()
    {
        var broken = new VendorOptions { Id = "vendor-broken", ShopDomain = "broken.myshopify.com", AdminApiBaseUrl = new Uri("http://127.0.0.1:9/"), AccessToken = "x" };
        var kit = await TrackingPollKit.StartAsync(broken);
        var vendorOrder = await kit.PushLinkedAsync(Merchant);
        kit.Vendor.Side.AddFulfillment(vendorOrder, "1Z999AA10123456784", "UPS", null, DateTimeOffset.UtcNow);

        var result = await kit.PollAsync();

        CollectionAssert.AreEqual(new[] { "vendor-broken" }, result.FailedVendors.ToArray());
        Assert.AreEqual(1, kit.Queue.Queued.Count);
    }
}
