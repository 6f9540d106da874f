using System.Net;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// A signal the processor keeps throwing on is moved to the poison queue with its error after MaxDeliveries, listed by
/// GET /api/poisoned, and its order shows it needs attention until an operator retries; never silently dropped.
/// </summary>
[TestClass]
public class PoisonedSignalEndToEndTests : EndToEndTest
{
    private const string SignalId = "shopify:poisoned-update";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OrderSync:Worker:MaxDeliveries"] = "2" };

    [TestMethod]
    public async Task A_signal_deciding_throws_on_is_poisoned_with_its_error_the_order_needs_attention_and_an_operator_retry_clears_it()
    {
        await World.PostAsync(new ShopifyWebhookBuilder());
        var pushed = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");

        // A signal another version of OrderSync queued: it reads, but its order has no lines, and deciding on it throws.
        await TestQueues.Signals(World.Storage).SendMessageAsync(UpdateWithoutLines(pushed!).ToJsonString());

        var flagged = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "attention");
        var poisoned = (await World.OpsAsync("api/poisoned")).AsArray().Single()!;
        Assert.AreEqual(SignalId, poisoned["signalId"]!.GetValue<string>());
        Assert.AreEqual(Samples.ShopifyOrderId, poisoned["order"]!["orderId"]!.GetValue<string>());
        Assert.AreEqual("OrderUpdated", poisoned["kind"]!.GetValue<string>());
        Assert.AreEqual(2, poisoned["deliveries"]!.GetValue<long>());
        var error = poisoned["error"]!.GetValue<string>();
        StringAssert.Contains(error, "Exception");
        Assert.IsNull(poisoned["body"], "the list never shows a message's body: it may hold a buyer's details");

        var listed = (await World.OpsAsync("api/orders?status=attention")).AsArray().Single()!;
        var reason = listed["reasons"]!.AsArray().Single()!.GetValue<string>();
        StringAssert.Contains(reason, SignalId);
        StringAssert.Contains(reason, error);
        Assert.IsTrue(flagged!["timeline"]!.AsArray().Any(t => t!["error"]?.GetValue<string>() == error), "the timeline shows the set-aside signal with its error");
        await Eventually.GetAsync(() => TestQueues.CountAsync(TestQueues.Signals(World.Storage)), n => n == 0, "the signal queue to be empty");
        Assert.AreEqual(1, await TestQueues.CountAsync(TestQueues.Poison(World.Storage)), "the poison queue keeps the message");

        Assert.AreEqual(HttpStatusCode.Accepted, (await World.PostRetryAsync(Samples.ShopifyOrderId, "ops@merchant")).StatusCode);

        var cleared = await World.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual("ops@merchant", cleared!["state"]!["attention"]!.AsArray().Single()!["acknowledgedBy"]!.GetValue<string>());
        Assert.AreEqual(0, (await World.OpsAsync("api/orders?status=attention")).AsArray().Count);
        Assert.AreEqual(1, World.Vendor.Orders.Count);
    }

    /// <summary>An orders/updated signal, newer than the order known, as the queue carries it, with its order's lines left out.</summary>
    private static JsonObject UpdateWithoutLines(JsonNode view)
    {
        var order = view["state"]!["order"]!.DeepClone().AsObject();
        order.Remove("lines");
        order["updatedAt"] = "2022-01-02T14:30:00+00:00";
        return new JsonObject
        {
            ["id"] = SignalId,
            ["order"] = view["key"]!.DeepClone(),
            ["signal"] = new JsonObject { ["type"] = "orderUpdated", ["order"] = order },
            ["origin"] = new JsonObject { ["source"] = "shopify", ["topic"] = "orders/updated", ["receivedAt"] = "2022-01-02T14:30:01+00:00" },
        };
    }
}
