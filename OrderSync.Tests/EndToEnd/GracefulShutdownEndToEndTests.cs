using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>A host stopped gracefully (SIGTERM) mid-command gives its work back at once; another host finishes it, once.</summary>
[TestClass]
public class GracefulShutdownEndToEndTests : EndToEndTest
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    /// <summary>A lease and a visibility timeout far longer than the test may wait: only work given back can be finished in time.</summary>
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OrderSync:Worker:CommandLease"] = Lease.ToString(),
        ["OrderSync:Worker:VisibilityTimeout"] = (Lease + TimeSpan.FromSeconds(30)).ToString(),
    };

    /// <summary>What the stopped host says as it gives its work back: on the outbox runtime, the message and the command's claim.</summary>
    protected virtual IReadOnlyList<string> GivingBack => ["given back to the queue", "given back for another worker"];

    [TestMethod]
    public async Task A_host_stopped_while_its_push_stalls_gives_the_message_and_the_command_back_and_the_other_host_pushes_exactly_once()
    {
        var second = await World.StartAnotherHostAsync();
        World.Vendor.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(TimeSpan.FromMinutes(5)));
        await World.PostAsync(new ShopifyWebhookBuilder());
        await Eventually.GetAsync(() => Task.FromResult(World.Vendor.Received.Count(r => r.Field == "orderCreate")), n => n == 1, "the push to reach the vendor");
        // The vendor may have the request before the host's log says so: wait for the line rather than guess the host.
        var busy = (await Eventually.GetAsync(() => Task.FromResult(new[] { World.Host, second }.FirstOrDefault(h => h.Output.Contains("running push:", StringComparison.Ordinal))),
            host => host is not null, "a host to say it runs the push"))!;
        var other = busy == World.Host ? second : World.Host;

        var started = DateTime.UtcNow;
        Assert.AreEqual(0, await busy.StopAsync(TimeSpan.FromSeconds(30)), "a graceful stop exits with 0");
        foreach (var line in GivingBack) StringAssert.Contains(busy.Output, line);
        Assert.AreEqual(0, World.Vendor.Orders.Count, "the stalled push was abandoned before the vendor acted");

        var order = await Eventually.GetAsync(() => World.OrderAsync(Samples.ShopifyOrderId, other), o => o?["status"]?.GetValue<string>() == "pushed",
            "the other host to push", within: TimeSpan.FromSeconds(45));
        Assert.IsLessThan(Lease, DateTime.UtcNow - started, "finished without waiting for the lease to lapse");
        StringAssert.Contains(other.Output, "running push:");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second effect to show
        Assert.AreEqual(1, World.Vendor.Orders.Count, "exactly one vendor order");
        Assert.AreEqual(World.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
        Assert.AreEqual(0, order["outbox"]!.AsArray().Count);
        await Eventually.GetAsync(() => TestQueues.CountAsync(TestQueues.Signals(World.Storage)), n => n == 0, "the signal queue to be empty");
    }
}
