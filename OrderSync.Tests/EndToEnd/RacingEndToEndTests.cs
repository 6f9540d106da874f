using System.Net;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>Two OrderSync.Local processes over one queue, one set of tables and one vendor, racing on one order's signals.</summary>
[TestClass]
public class RacingEndToEndTests : EndToEndTest
{
    private const int Updates = 6;

    /// <summary>
    /// A lease longer than any call here, even slowed by a busy machine, so claims never need renewing: this test is about
    /// racing signals; a call slower than its lease is <see cref="SlowCallEndToEndTests"/>'s.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OrderSync:Worker:CommandLease"] = "00:00:15",
        ["OrderSync:Worker:VisibilityTimeout"] = "00:00:20",
    };

    /// <summary>How many times the push may run (its lookup before creating keeps the vendor order one): on the outbox runtime, once.</summary>
    protected virtual int PushRunsAtMost => 1;

    [TestMethod]
    public async Task One_order_s_signals_split_across_two_hosts_at_once_end_in_one_vendor_order_with_the_newest_data_and_an_empty_queue()
    {
        var second = await World.StartAnotherHostAsync();
        var hosts = new[] { World.Host, second };
        // The vendor takes a second over the push, so the other host meets the order while the push is in flight.
        World.Vendor.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(TimeSpan.FromSeconds(1)));

        // The create delivered to both hosts (the same delivery: one is a duplicate), and each update twice, as two deliveries
        // (two signals with the same snapshot), one to each host; all at once, interleaved.
        var create = new ShopifyWebhookBuilder().WithWebhookId("race-create");
        var deliveries = new List<(ShopifyWebhookBuilder Webhook, int Host)> { (create, 0), (create, 1) };
        for (var i = 1; i <= Updates; i++)
        {
            deliveries.Add((Update(i), i % 2));
            deliveries.Add((Update(i), (i + 1) % 2));
        }
        var answers = await Task.WhenAll(deliveries.Select(d => World.PostAsync(d.Webhook, hosts[d.Host])));
        Assert.IsTrue(answers.All(a => a.StatusCode == HttpStatusCode.OK), string.Join(", ", answers.Select(a => a.StatusCode)));

        var final = await Eventually.GetAsync(() => World.OrderAsync(Samples.ShopifyOrderId),
            o => o?["status"]?.GetValue<string>() == "pushed" && o["outbox"]!.AsArray().Count == 0
                 && VendorHasNewest(), "the order pushed with the newest data at the vendor and its outbox empty");
        await Eventually.GetAsync(() => TestQueues.CountAsync(TestQueues.Signals(World.Storage)), n => n == 0, "the signal queue to be empty");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second push or a late, stale write to show

        Assert.AreEqual(1, World.Vendor.Orders.Count, "exactly one vendor order");
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "the push was sent once");
        Assert.IsLessThanOrEqualTo(PushRunsAtMost, World.Vendor.Received.Count(r => r.Field == "orders"),
            "the push's outcome was kept although the other host saved the order meanwhile, so it did not run again");
        var vendorOrder = World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!;
        Assert.AreEqual(Address(Updates), vendorOrder.ShippingAddress!["address1"]!.GetValue<string>());
        Assert.AreEqual(Note(Updates), vendorOrder.Note);

        final = await World.OrderAsync(Samples.ShopifyOrderId);
        Assert.AreEqual("pushed", final!["status"]!.GetValue<string>());
        Assert.AreEqual(vendorOrder.Id, final["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
        Assert.AreEqual(Address(Updates), final["state"]!["order"]!["shippingAddress"]!["address1"]!.GetValue<string>());
        var applied = final["timeline"]!.AsArray().Count(t => t!["kind"]!.GetValue<string>() == "signal"
                                                            && t["summary"]!.GetValue<string>().Contains("(shopify orders/", StringComparison.Ordinal));
        Assert.AreEqual(1 + 2 * Updates, applied, "every queued webhook signal applied exactly once (the duplicate create was never queued)");
        Assert.AreEqual(0, await TestQueues.CountAsync(TestQueues.Signals(World.Storage)));
        Assert.AreEqual(0, await TestQueues.CountAsync(TestQueues.Poison(World.Storage)), "nothing poisoned");
    }

    private bool VendorHasNewest() =>
        World.Vendor.Orders.Count > 0
        && World.Vendor.VendorSide().Order(World.Vendor.Orders[0].Id) is { } o
        && o.Note == Note(Updates) && o.ShippingAddress?["address1"]?.GetValue<string>() == Address(Updates);

    private static string Address(int update) => $"{update} Racing Street";

    private static string Note(int update) => $"note of update {update}";

    /// <summary>orders/updated, each newer than the last, changing the address and the note (both sent to the vendor).</summary>
    private static ShopifyWebhookBuilder Update(int i) => new ShopifyWebhookBuilder().WithTopic("orders/updated").WithBodyChanged(order =>
    {
        order["updated_at"] = $"2022-01-0{1 + i}T09:30:00-05:00";
        order["shipping_address"]!["address1"] = Address(i);
        order["note"] = Note(i);
    });
}
