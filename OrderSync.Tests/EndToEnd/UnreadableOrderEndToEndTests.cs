using System.Text;
using Azure;
using Azure.Data.Tables;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// A signal whose order's stored record cannot be read is still kept: moved to the poison queue with its error and listed,
/// and the failed attempt to mark the order is logged. On the outbox runtime the worker poisons the message after its
/// deliveries; on the durable runtime the order's orchestration sets it aside, and goes on running.
/// </summary>
[TestClass]
public class UnreadableOrderEndToEndTests : EndToEndTest
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OrderSync:Worker:MaxDeliveries"] = "2" };

    [TestMethod]
    public async Task When_the_order_itself_cannot_be_read_the_signal_is_still_kept_in_the_poison_queue_and_listed()
    {
        await World.PostAsync(new ShopifyWebhookBuilder());
        await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        await CorruptStoredOrderAsync();

        await World.PostAsync(new ShopifyWebhookBuilder().WithTopic("orders/updated").WithBodyChanged(o => o["updated_at"] = "2022-01-02T09:30:00-05:00"));

        var poisoned = await Eventually.GetAsync(async () => (await World.OpsAsync("api/poisoned")).AsArray(), p => p.Count == 1, "the update to be poisoned");
        Assert.AreEqual(Samples.ShopifyOrderId, poisoned[0]!["order"]!["orderId"]!.GetValue<string>());
        Assert.AreEqual("OrderUpdated", poisoned[0]!["kind"]!.GetValue<string>());
        StringAssert.Contains(poisoned[0]!["error"]!.GetValue<string>(), "JsonException");
        await Eventually.GetAsync(() => Task.FromResult(World.Output), o => o.Contains("could not be marked as needing attention"), "the failed attention write to be logged");
        Assert.AreEqual(0, await TestQueues.CountAsync(TestQueues.Signals(World.Storage)));
        Assert.AreEqual(1, await TestQueues.CountAsync(TestQueues.Poison(World.Storage)));
    }


    /// <summary>The order's stored record overwritten with bytes that are not a record (damaged storage, a hand edit).</summary>
    private async Task CorruptStoredOrderAsync()
    {
        var table = new TableClient(World.Storage.ConnectionString, World.Storage.TablePrefix + "Orders");
        var damaged = new TableEntity($"{ShopifyWebhookBuilder.MerchantShop}|{Samples.ShopifyOrderId}", "state")
        {
            ["DocumentChunks"] = 1,
            ["Document0"] = Encoding.UTF8.GetBytes("{ not an order record"),
        };
        await table.UpdateEntityAsync(damaged, ETag.All, TableUpdateMode.Merge);
    }
}
