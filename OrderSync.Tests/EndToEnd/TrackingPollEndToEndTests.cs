using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>OrderSync.Local's tracking poll: a vendor shipment reaches Shopify and PayPal without any webhook, and once only.</summary>
[TestClass]
public sealed class TrackingPollEndToEndTests : EndToEndLifecycleTest
{
    private const string Ups = "1Z999AA10123456784";
    private static readonly string Url = $"https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums={Ups}";

    [TestMethod]
    public async Task A_vendor_shipment_without_any_webhook_becomes_a_Shopify_fulfillment_and_a_PayPal_tracker_and_its_late_webhook_adds_nothing()
    {
        var (_, captureId) = PayPal.SeedCapturedOrder();
        await StartAsync(new() { ["OrderSync:TrackingPoll:Interval"] = "00:00:01" },
            [new SeedTransaction("paypal", "SALE", "SUCCESS", AuthorizationCode: captureId)]);
        await PushedAsync();
        var vendorOrder = World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!;
        var line = vendorOrder.Lines.FindIndex(l => l.Sku == VendorSku1);
        var fulfillment = World.Vendor.VendorSide().AddFulfillment(vendorOrder.Id, Ups, "UPS", Url, DateTimeOffset.UtcNow,
            new Dictionary<int, int> { [line] = 1 });

        await Eventually.GetAsync(() => Task.FromResult(MerchantStore.FulfillmentsOf(MerchantOrder.Id)), f => f.Count == 1, "the Shopify fulfillment");
        await Eventually.GetAsync(() => Task.FromResult(PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId)), n => n == 1, "the PayPal tracker");
        CollectionAssert.AreEqual(new[] { Ups }, MerchantStore.FulfillmentsOf(MerchantOrder.Id).Single().TrackingNumbers.ToArray());

        var seen = Timeline(await World.OrderAsync(OrderId)).Count;
        var number = long.Parse(fulfillment.Id[(fulfillment.Id.LastIndexOf('/') + 1)..]);
        await World.PostAsync(VendorShipment(number, Ups, VendorSku1)); // the webhook of the same shipment, late
        await Eventually.GetAsync(() => World.OrderAsync(OrderId), o => Timeline(o).Count > seen, "the late webhook to reach the order");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // room for a wrong report, or a repeated poll, to show
        Assert.AreEqual(1, MerchantStore.Received.Count(r => r.Field == "fulfillmentCreate"), "no fulfillment added");
        Assert.AreEqual(1, PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId), "no tracker added");
        var after = await World.OrderAsync(OrderId);
        Assert.AreEqual(1, after!["state"]!["subOrders"]![0]!["shipments"]!.AsArray().Count, "the shipment is recorded once");
    }
}
