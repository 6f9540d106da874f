using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>A vendor call slower than the command lease, with a second host looking at the same order meanwhile.</summary>
[TestClass]
public class SlowCallEndToEndTests : EndToEndTest
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OrderSync:Worker:CommandLease"] = Lease.ToString(),
        ["OrderSync:Worker:VisibilityTimeout"] = "00:00:30",
    };

    [TestMethod]
    public async Task A_push_slower_than_its_lease_keeps_its_claim_and_the_other_host_does_not_push_the_order_again()
    {
        var second = await World.StartAnotherHostAsync();
        World.Vendor.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(4 * Lease));
        await World.PostAsync(new ShopifyWebhookBuilder().WithWebhookId("slow-create"));
        await Eventually.GetAsync(() => Task.FromResult(World.Vendor.Received.Count(r => r.Field == "orderCreate")), n => n == 1, "the push to reach the vendor");

        // Past the first lease, the other host takes a signal of the same order and looks at the push still under way.
        await Task.Delay(1.5 * Lease);
        await World.PostAsync(new ShopifyWebhookBuilder().WithWebhookId("slow-update").WithTopic("orders/updated")
            .WithBodyChanged(order => order["note"] = "leave it with the neighbour"), second);

        var order = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        await Task.Delay(Lease); // room for a second push to show

        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "the push was sent once: its claim was renewed while it ran");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        Assert.AreEqual(World.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
    }
}
