using System.Net;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>A signed Shopify order in, one vendor order out: OrderSync.Local as a real process, Azurite, the Shopify simulator.</summary>
[TestClass]
public class OrderPushEndToEndTests : EndToEndTest
{
    [TestMethod]
    public async Task A_signed_order_is_pushed_to_the_vendor_once_with_its_lines_and_shipping_address()
    {
        var response = await World.PostAsync(new ShopifyWebhookBuilder());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var order = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        var created = World.Vendor.Orders.Single();
        var lines = created.Input["lineItems"]!.AsArray();
        Assert.AreEqual(2, lines.Count, "both lines of Shopify's sample order");
        Assert.IsTrue(lines.All(l => l!["sku"]!.GetValue<string>() == LocalShellFixture.VendorSku), "merchant SKU mapped to the vendor's");
        Assert.IsTrue(lines.All(l => l!["quantity"]!.GetValue<int>() == 1 && l["priceSet"]!["shopMoney"]!["amount"]!.GetValue<string>() == "199.00"));
        var address = created.Input["shippingAddress"]!;
        Assert.AreEqual("Steve", address["firstName"]!.GetValue<string>());
        Assert.AreEqual("Shipper", address["lastName"]!.GetValue<string>());
        Assert.AreEqual("123 Shipping Street", address["address1"]!.GetValue<string>());
        Assert.AreEqual("Shippington", address["city"]!.GetValue<string>());
        Assert.AreEqual("KY", address["provinceCode"]!.GetValue<string>());
        Assert.AreEqual("US", address["countryCode"]!.GetValue<string>());
        Assert.AreEqual("40003", address["zip"]!.GetValue<string>());

        var sub = order!["state"]!["subOrders"]![0]!;
        Assert.AreEqual("Pushed", sub["status"]!.GetValue<string>());
        Assert.AreEqual(created.Id, sub["vendorOrderId"]!.GetValue<string>());
        Assert.AreEqual(0, order["outbox"]!.AsArray().Count);
        var timeline = order["timeline"]!.AsArray().Select(t => t!["summary"]!.GetValue<string>()).ToList();
        Assert.IsTrue(timeline.Any(t => t.Contains("placed")) && timeline.Any(t => t.Contains($"pushed as {created.Name}")), string.Join("\n", timeline));
    }

    [TestMethod]
    public async Task Shopifys_sample_as_documented_cancelled_and_voided_is_recorded_as_cancelled_never_pushed()
    {
        await World.PostAsync(new ShopifyWebhookBuilder().WithBody(Samples.ShopifyOrder()));

        var order = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "cancelled");
        StringAssert.Contains(order!["state"]!["subOrders"]![0]!["reason"]!.GetValue<string>(), "cancelled");
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a wrong push to show
        Assert.AreEqual(0, World.Vendor.Received.Count(r => r.Field == "orderCreate"));
    }

    [TestMethod]
    public async Task The_same_webhook_delivered_again_creates_nothing_new()
    {
        var webhook = new ShopifyWebhookBuilder();
        await World.PostAsync(webhook);
        var pushed = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");

        var again = await World.PostAsync(webhook);

        Assert.AreEqual(HttpStatusCode.OK, again.StatusCode);
        StringAssert.Contains(await again.Content.ReadAsStringAsync(), "duplicate");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // several worker polls: room for a wrongly queued copy to show
        var after = await World.OrderAsync(Samples.ShopifyOrderId);
        Assert.AreEqual(pushed!["timeline"]!.AsArray().Count, after!["timeline"]!.AsArray().Count, "no new signal reached the order");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"));
    }

    [TestMethod]
    public async Task An_update_and_the_create_delivered_three_times_at_once_end_in_one_push_and_the_newest_order_whatever_the_processing_order()
    {
        Assert.AreEqual(HttpStatusCode.OK, (await World.PostAsync(NewerUpdate())).StatusCode);
        var create = new ShopifyWebhookBuilder().WithWebhookId("create-delivery");
        for (var delivery = 0; delivery < 3; delivery++)
            Assert.AreEqual(HttpStatusCode.OK, (await World.PostAsync(create)).StatusCode);

        await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second push, or a late stale write, to show
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "one push");
        var final = await World.OrderAsync(Samples.ShopifyOrderId);
        Assert.AreEqual(NewerAddress, final!["state"]!["order"]!["shippingAddress"]!["address1"]!.GetValue<string>(),
            "the older create never overwrites the newer update");
    }

    [TestMethod]
    public async Task A_create_arriving_after_a_newer_update_was_applied_is_ignored_and_the_vendor_has_the_newest_order()
    {
        await World.PostAsync(NewerUpdate());
        await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");

        await World.PostAsync(new ShopifyWebhookBuilder());

        await Eventually.GetAsync(() => World.OrderAsync(Samples.ShopifyOrderId),
            o => o!["timeline"]!.AsArray().Any(t => t!["summary"]!.GetValue<string>().Contains("already recorded")), "the stale create to be seen");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        Assert.AreEqual(NewerAddress, World.Vendor.Orders.Single().Input["shippingAddress"]!["address1"]!.GetValue<string>());
    }

    private const string NewerAddress = "456 Corrected Avenue";

    private static ShopifyWebhookBuilder NewerUpdate() => new ShopifyWebhookBuilder().WithTopic("orders/updated").WithBodyChanged(order =>
    {
        order["updated_at"] = "2022-01-02T09:30:00-05:00";
        order["shipping_address"]!["address1"] = NewerAddress;
    });

    [TestMethod]
    public async Task A_forged_signature_is_refused_with_401_and_nothing_reaches_the_order_or_the_vendor()
    {
        var response = await World.PostAsync(new ShopifyWebhookBuilder().SignedWith("an attacker's guess"));

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // several worker polls: room for a wrongly queued signal to show
        Assert.IsNull(await World.OrderAsync(Samples.ShopifyOrderId));
        Assert.AreEqual(0, World.Vendor.Received.Count);
    }

    [TestMethod]
    public async Task A_push_the_vendor_refuses_leaves_the_order_failed_with_the_reason_until_an_operator_retries_it()
    {
        World.Vendor.FailNext("orderCreate", new ShopifyFault.UserError("shippingAddress.zip", "Zip is invalid for the province"));

        await World.PostAsync(new ShopifyWebhookBuilder());

        var failed = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "failed");
        StringAssert.Contains(failed!["state"]!["subOrders"]![0]!["reason"]!.GetValue<string>(), "shippingAddress.zip: Zip is invalid");
        Assert.AreEqual(0, World.Vendor.Orders.Count);

        var retry = await World.PostRetryAsync(Samples.ShopifyOrderId, "alice");

        Assert.AreEqual(HttpStatusCode.Accepted, retry.StatusCode);
        await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        var timeline = (await World.OrderAsync(Samples.ShopifyOrderId))!["timeline"]!.AsArray();
        Assert.IsTrue(timeline.Any(t => t!["summary"]!.GetValue<string>() == "retry requested by alice"));
        Assert.IsTrue(timeline.Any(t => t!["error"]?.GetValue<string>().Contains("Zip is invalid") == true), "the failure is in the timeline with its error");
    }

    [TestMethod]
    public async Task A_retry_of_an_order_OrderSync_does_not_know_is_answered_404()
    {
        var retry = await World.PostRetryAsync("424242", "alice");

        Assert.AreEqual(HttpStatusCode.NotFound, retry.StatusCode);
    }
}
