using System.Net;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// The order's whole lifecycle through OrderSync.Local as a real process: payment holds, address changes, cancellations,
/// and shipments reported back to the merchant's Shopify store and to PayPal. Each test drives signed webhooks in and looks
/// at the simulators (vendor store, merchant store, PayPal) and the ops API.
/// </summary>
/// <remarks>
/// The merchant's store is a store on the Shopify simulator holding the order (seeded: Shopify creates its fulfillment
/// orders itself), and every merchant webhook is Shopify's documented order sample (samples/shopify/orders-create-paid.json)
/// carrying that order's ids. Vendor shipments are Shopify's documented fulfillments/create sample
/// (samples/shopify/fulfillments-create.json) naming the vendor's order, lines and tracking.
/// </remarks>
[TestClass]
public class LifecycleEndToEndTests : EndToEndLifecycleTest
{
    private const string Ups1 = "1Z999AA10123456784";
    private const string Ups2 = "1Z12345E6605272234";

    [TestMethod]
    public async Task An_unpaid_order_of_a_push_only_if_paid_merchant_is_held_and_pushed_once_when_Shopify_reports_it_paid()
    {
        await StartAsync(new() { ["OrderSync:Merchants:0:PushOnlyIfPaid"] = "true" });

        Assert.AreEqual(HttpStatusCode.OK, (await World.PostAsync(Merchant("orders/create", o => o["financial_status"] = "pending"))).StatusCode);

        var held = await World.OrderWithStatusAsync(OrderId, "held");
        StringAssert.Contains(held!["state"]!["subOrders"]![0]!["reason"]!.GetValue<string>(), "awaiting payment");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // several worker polls: room for a wrong push to show
        Assert.AreEqual(0, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "nothing reaches the vendor while unpaid");

        var paid = Merchant("orders/paid", o => { o["financial_status"] = "paid"; o["updated_at"] = "2022-01-01T10:00:00-05:00"; });
        Assert.AreEqual(HttpStatusCode.OK, (await World.PostAsync(paid)).StatusCode);

        var pushed = await World.OrderWithStatusAsync(OrderId, "pushed");
        await World.PostAsync(Merchant("orders/paid", o => { o["financial_status"] = "paid"; o["updated_at"] = "2022-01-01T10:00:01-05:00"; }));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second push to show
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "exactly one push");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
        Assert.AreEqual(World.Vendor.Orders.Single().Id, pushed!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
        Assert.IsTrue(Timeline(pushed).Any(t => t.Contains("released")), string.Join("\n", Timeline(pushed)));
    }

    [TestMethod]
    public async Task An_unpaid_order_held_for_payment_is_pushed_once_when_PayPal_reports_its_capture()
    {
        await StartAsync(new() { ["OrderSync:Merchants:0:PushOnlyIfPaid"] = "true" });
        await World.PostAsync(Merchant("orders/create", o => o["financial_status"] = "pending"));
        await World.OrderWithStatusAsync(OrderId, "held");
        Assert.AreEqual(0, World.Vendor.Received.Count(r => r.Field == "orderCreate"));

        // PayPal's PAYMENT.CAPTURE.COMPLETED sample (samples/paypal) whose custom_id names this order, as the checkout sets it.
        var capture = JsonNode.Parse(PayPalSamples.CaptureCompletedWithOrderKey())!;
        capture["resource"]!["custom_id"] = $"{ShopifyWebhookBuilder.MerchantShop}/{OrderId}";
        var body = System.Text.Encoding.UTF8.GetBytes(capture.ToJsonString());
        var response = await PostPayPalAsync(body);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());

        var pushed = await World.OrderWithStatusAsync(OrderId, "pushed");
        Assert.AreEqual(PayPalSampleCaptureId, pushed!["state"]!["payment"]!["payPalCaptureId"]!.GetValue<string>(), "the capture is remembered for tracking");
        StringAssert.Contains(await (await PostPayPalAsync(body)).Content.ReadAsStringAsync(), "duplicate");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a second push to show
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderCreate"), "exactly one push");
        Assert.AreEqual(1, World.Vendor.Orders.Count);
    }

    private const string PayPalSampleCaptureId = "42311647XV020574X";

    [TestMethod]
    public async Task A_new_valid_shipping_address_is_sent_to_the_vendor_and_an_invalid_one_is_flagged_and_not_sent()
    {
        await StartAsync();
        await PushedAsync();

        await World.PostAsync(Merchant("orders/updated", o =>
        {
            o["updated_at"] = "2022-01-02T09:30:00-05:00";
            o["shipping_address"] = LondonAddress("SW1A 2AA");
        }));

        var update = await Eventually.GetAsync(() => Task.FromResult(World.Vendor.Received.Where(r => r.Field == "orderUpdate").ToList()),
            u => u.Count > 0, "the address change to reach the vendor");
        Assert.AreEqual(1, update.Count);
        var sent = update[0].Variables["input"]!;
        Assert.AreEqual(World.Vendor.Orders.Single().Id, sent["id"]!.GetValue<string>());
        var address = sent["shippingAddress"]!;
        Assert.AreEqual("10 Downing Street", address["address1"]!.GetValue<string>());
        Assert.AreEqual("London", address["city"]!.GetValue<string>());
        Assert.AreEqual("SW1A 2AA", address["zip"]!.GetValue<string>());
        Assert.AreEqual("GB", address["countryCode"]!.GetValue<string>());
        Assert.AreEqual("10 Downing Street", World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!.ShippingAddress!["address1"]!.GetValue<string>());
        await World.OrderWithStatusAsync(OrderId, "pushed");

        await World.PostAsync(Merchant("orders/updated", o =>
        {
            o["updated_at"] = "2022-01-03T09:30:00-05:00";
            o["shipping_address"] = LondonAddress(null);
            o["shipping_address"]!["address1"] = "11 Downing Street";
        }));

        var flagged = await World.OrderWithStatusAsync(OrderId, "attention");
        var attention = OpenAttention(flagged).Single();
        StringAssert.Contains(attention, "address change not sent");
        StringAssert.Contains(attention, "postal code");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a wrong update to show
        Assert.AreEqual(1, World.Vendor.Received.Count(r => r.Field == "orderUpdate"), "the invalid address is never sent");
        Assert.AreEqual("10 Downing Street", World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!.ShippingAddress!["address1"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_cancellation_before_the_vendor_shipped_cancels_the_vendor_order()
    {
        await StartAsync();
        await PushedAsync();

        await World.PostAsync(Cancelled());

        var order = await World.OrderWithStatusAsync(OrderId, "cancelled");
        var vendorOrder = World.Vendor.Orders.Single().Id;
        var cancels = World.Vendor.Received.Where(r => r.Field == "orderCancel").ToList();
        Assert.AreEqual(1, cancels.Count);
        Assert.AreEqual(vendorOrder, cancels[0].Variables["orderId"]!.GetValue<string>());
        Assert.IsNotNull(World.Vendor.VendorSide().Order(vendorOrder)!.CancelledAt, "the vendor store holds the order cancelled");
        Assert.AreEqual("Cancelled", order!["state"]!["subOrders"]![0]!["status"]!.GetValue<string>());
        Assert.AreEqual(0, OpenAttention(order).Count);
    }

    [TestMethod]
    public async Task A_cancellation_after_the_vendor_shipped_sends_no_cancel_and_asks_a_person()
    {
        await StartAsync();
        await PushedAsync();
        await World.PostAsync(VendorShipment(1001, Ups1, VendorSku1));
        await Eventually.GetAsync(() => World.OrderAsync(OrderId),
            o => o!["state"]!["subOrders"]![0]!["shipments"]!.AsArray().Count == 1 && o["outbox"]!.AsArray().Count == 0, "the shipment to be recorded and reported");

        await World.PostAsync(Cancelled());

        var order = await World.OrderWithStatusAsync(OrderId, "attention");
        var attention = order!["state"]!["attention"]!.AsArray().Single(a => a!["acknowledgedBy"] is null)!;
        StringAssert.StartsWith(attention["key"]!.GetValue<string>(), "cancelled-after-shipment");
        StringAssert.Contains(attention["reason"]!.GetValue<string>(), "cancelled after vendor");
        StringAssert.Contains(attention["reason"]!.GetValue<string>(), Ups1);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a wrong cancel to show
        Assert.AreEqual(0, World.Vendor.Received.Count(r => r.Field == "orderCancel"), "a shipped order is not cancelled at the vendor");
        Assert.IsNull(World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!.CancelledAt);
    }

    [TestMethod]
    public async Task Two_shipments_become_two_Shopify_fulfillments_of_exactly_their_lines_and_two_PayPal_trackers_on_the_capture_once_each()
    {
        var (_, captureId) = PayPal.SeedCapturedOrder();
        await StartAsync(transactions: [new SeedTransaction("paypal", "SALE", "SUCCESS", AuthorizationCode: captureId)]);
        await PushedAsync();

        await World.PostAsync(VendorShipment(1001, Ups1, VendorSku1));
        var second = VendorShipment(1002, Ups2, VendorSku2);
        await World.PostAsync(second);

        var completed = await World.OrderWithStatusAsync(OrderId, "completed");
        var fulfillments = MerchantStore.FulfillmentsOf(MerchantOrder.Id);
        Assert.AreEqual(2, fulfillments.Count, "one fulfillment per shipment");
        AssertFulfillment(fulfillments, Ups1, MerchantOrder.LineItems[0].Id);
        AssertFulfillment(fulfillments, Ups2, MerchantOrder.LineItems[1].Id);
        var trackers = PayPal.CurrentBatchTrackers.Where(t => t.TransactionId == captureId).ToList();
        CollectionAssert.AreEquivalent(new[] { Ups1, Ups2 }, trackers.Select(t => t.TrackingNumber).ToArray(), "one tracker per shipment, on the capture");
        Assert.IsTrue(trackers.All(t => t.Carrier == "UPS" && t.Status == "SHIPPED"), string.Join("; ", trackers));
        Assert.AreEqual(captureId, completed!["state"]!["payment"]!["payPalCaptureId"]!.GetValue<string>());

        var again = await World.PostAsync(second); // the same delivery again (Shopify's retry)
        StringAssert.Contains(await again.Content.ReadAsStringAsync(), "duplicate");
        var seen = Timeline(completed).Count;
        await World.PostAsync(VendorShipment(1002, Ups2, VendorSku2)); // the same shipment in a new delivery
        await Eventually.GetAsync(() => World.OrderAsync(OrderId), o => Timeline(o).Count > seen, "the repeated shipment to reach the order");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // room for a wrong report to show
        Assert.AreEqual(2, MerchantStore.FulfillmentsOf(MerchantOrder.Id).Count, "no fulfillment added");
        Assert.AreEqual(2, MerchantStore.Received.Count(r => r.Field == "fulfillmentCreate"));
        Assert.AreEqual(2, PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId), "no tracker added");
        var after = await World.OrderAsync(OrderId);
        Assert.AreEqual("completed", after!["status"]!.GetValue<string>());
        Assert.AreEqual(2, after["state"]!["subOrders"]![0]!["shipments"]!.AsArray().Count, "the repeated shipment is recorded once");
    }

    [TestMethod]
    public async Task One_line_of_two_units_shipped_one_unit_at_a_time_becomes_two_Shopify_fulfillments_of_one_unit_each()
    {
        await StartAsync(lines: [new SeedLine("IPOD2008PINK", "IPod Nano - 8GB", 2)]);
        await PushedAsync();

        await World.PostAsync(VendorShipment(2001, Ups1, VendorSku1));
        await World.OrderWithStatusAsync(OrderId, "pushed");
        await World.PostAsync(VendorShipment(2002, Ups2, VendorSku1));

        var completed = await World.OrderWithStatusAsync(OrderId, "completed");
        var fulfillments = MerchantStore.FulfillmentsOf(MerchantOrder.Id);
        Assert.AreEqual(2, fulfillments.Count, string.Join(" | ", Timeline(completed)));
        AssertFulfillment(fulfillments, Ups1, MerchantOrder.LineItems[0].Id);
        AssertFulfillment(fulfillments, Ups2, MerchantOrder.LineItems[0].Id);
    }

    private void AssertFulfillment(IReadOnlyList<SimulatedFulfillment> fulfillments, string trackingNumber, string lineItemId)
    {
        var fulfillment = fulfillments.Single(f => f.TrackingNumbers.Contains(trackingNumber));
        CollectionAssert.AreEqual(new[] { trackingNumber }, fulfillment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", fulfillment.Company);
        var lineOf = MerchantOrder.FulfillmentOrders.SelectMany(fo => fo.Lines).ToDictionary(l => l.Id, l => l.LineItemId);
        Assert.AreEqual(1, fulfillment.Lines.Count, $"fulfillment {trackingNumber} holds one line");
        Assert.AreEqual(lineItemId, lineOf[fulfillment.Lines[0].FulfillmentOrderLineId], $"fulfillment {trackingNumber} holds its shipment's line");
        Assert.AreEqual(1, fulfillment.Lines[0].Quantity);
    }

    private static JsonObject LondonAddress(string? zip) => new()
    {
        ["first_name"] = "Steve", ["last_name"] = "Shipper", ["name"] = "Steve Shipper", ["company"] = null,
        ["address1"] = "10 Downing Street", ["address2"] = null, ["city"] = "London", ["zip"] = zip,
        ["province"] = null, ["province_code"] = null, ["country"] = "United Kingdom", ["country_code"] = "GB",
        ["phone"] = "555-555-SHIP", ["latitude"] = null, ["longitude"] = null,
    };

    private ShopifyWebhookBuilder Cancelled() => Merchant("orders/cancelled", o =>
    {
        o["updated_at"] = "2022-01-04T09:00:00-05:00";
        o["cancelled_at"] = "2022-01-04T09:00:00-05:00";
        o["cancel_reason"] = "customer";
    });
}
