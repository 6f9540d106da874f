using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>The worker killed mid-order and started again: still exactly one vendor order.</summary>
[TestClass]
public class CrashRecoveryEndToEndTests : EndToEndTest
{
    [TestMethod]
    public async Task Killed_after_saving_the_push_but_before_the_vendor_took_it_the_restarted_worker_pushes_exactly_once()
    {
        // The vendor holds the push without acting on it: the order is saved with the push in its outbox, not yet executed.
        World.Vendor.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(TimeSpan.FromMinutes(5)));
        await World.PostAsync(new ShopifyWebhookBuilder());
        await Eventually.GetAsync(() => Task.FromResult(World.Vendor.Received.Count(r => r.Field == "orderCreate")), n => n == 1, "the push to reach the vendor");
        var saved = await World.OrderAsync(Samples.ShopifyOrderId);
        Assert.AreEqual("pushing", saved!["status"]!.GetValue<string>());
        Assert.AreEqual(1, saved["outbox"]!.AsArray().Count, "the push is saved in the outbox before it runs");

        await World.Host.KillAsync();
        Assert.AreEqual(0, World.Vendor.Orders.Count, "the vendor never acted on the interrupted push");
        await World.StartHostAsync();

        var order = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        Assert.AreEqual(World.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Killed_after_the_vendor_created_the_order_but_before_the_answer_was_saved_the_restart_finds_it_instead_of_duplicating()
    {
        World.Vendor.FailNext("orderCreate", new ShopifyFault.StallAfterEffect(TimeSpan.FromMinutes(5)));
        await World.PostAsync(new ShopifyWebhookBuilder());
        await Eventually.GetAsync(() => Task.FromResult(World.Vendor.Orders.Count), n => n == 1, "the vendor to create the order");

        await World.Host.KillAsync();
        await World.StartHostAsync();

        var order = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual(1, World.Vendor.Orders.Count, "the retry found the tagged order");
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"));
        Assert.AreEqual(World.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
    }
}
