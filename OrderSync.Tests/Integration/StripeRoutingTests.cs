using OrderSync.Sandbox.Stripe;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Core.Webhooks;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>Stripe deliveries through the real ingress and tables: an event naming only a charge waits until the charge's order is known.</summary>
[TestClass]
public sealed class StripeRoutingTests
{
    private const string RefundedCharge = "ch_1MoS30LgUG5tbmjcjfsQqpHI";
    private static readonly OrderKey Order = new("merchant.myshopify.com", "1001");

    [TestMethod]
    public async Task A_refund_of_an_unknown_charge_is_parked_then_released_to_the_order_a_later_payment_names()
    {
        await using var services = await TestIngress.ServicesAsync();
        var ingress = services.GetRequiredService<WebhookIngress>();
        var queue = (RecordingSignalQueue)services.GetRequiredService<ISignalQueue>();
        var unmatched = services.GetRequiredService<UnmatchedSignals>();

        var refund = await PostAsync(ingress, Event(StripeSamples.ChargeRefunded(), "evt_refund", _ => { }));
        Assert.AreEqual(200, refund.StatusCode, refund.Reason);
        Assert.AreEqual(0, queue.Queued.Count);
        StringAssert.Contains((await unmatched.ListAsync(10, CancellationToken.None)).Single().Reason, RefundedCharge);

        var paid = await PostAsync(ingress, Event(StripeSamples.PaymentIntentSucceeded(), "evt_paid", intent =>
        {
            intent["metadata"] = new JsonObject { ["ordersync_order"] = $"{Order.Shop}/{Order.OrderId}" };
            intent["latest_charge"] = RefundedCharge;
        }));

        Assert.AreEqual(200, paid.StatusCode, paid.Reason);
        CollectionAssert.AreEquivalent(new[] { "stripe:evt_paid", "stripe:evt_refund" }, queue.Queued.Select(e => e.Id).ToArray());
        Assert.IsTrue(queue.Queued.All(e => e.Order == Order));
        Assert.IsInstanceOfType<PaymentReported>(queue.Queued.Single(e => e.Id == "stripe:evt_refund").Signal);
        Assert.AreEqual(0, (await unmatched.ListAsync(10, CancellationToken.None)).Count, "nothing left parked");
    }

    private static byte[] Event(byte[] sample, string eventId, Action<JsonObject> changeObject)
    {
        var json = JsonNode.Parse(sample)!.AsObject();
        json["id"] = eventId;
        changeObject(json["data"]!["object"]!.AsObject());
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static Task<WebhookResult> PostAsync(WebhookIngress ingress, byte[] body)
    {
        var headers = new WebhookHeaders(new Dictionary<string, string>
        {
            ["Stripe-Signature"] = StripeSigner.Header(body, TestIngress.StripeSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        });
        return ingress.HandleAsync("stripe", null, headers, new MemoryStream(body), body.Length, CancellationToken.None);
    }
}
