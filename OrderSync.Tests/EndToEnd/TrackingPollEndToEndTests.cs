using System.Text.Json.Nodes;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>
/// OrderSync.Local's tracking poll: a vendor shipment that no webhook announces reaches Shopify, PayPal and Stripe, once only;
/// and an HTTP vendor's shipment reaches Shopify through its shipment feed.
/// </summary>
[TestClass]
public class TrackingPollEndToEndTests : EndToEndLifecycleTest
{
    private const string Ups = "1Z999AA10123456784";
    private const string StripeKey = "sk_test_e2e_poll";
    private const string PaymentIntent = "pi_3E2ETrackingPoll";
    private static readonly string Url = $"https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums={Ups}";
    private StripeSimulator _stripe = null!;

    [TestInitialize]
    public async Task StartStripeAsync() => _stripe = await StripeSimulator.StartAsync();

    [TestCleanup]
    public async Task StopStripeAsync() => await _stripe.DisposeAsync();

    /// <summary>The merchant took the payment in two parts, by PayPal and by Stripe, so one shipment is reported to all three.</summary>
    [TestMethod]
    public async Task A_vendor_shipment_without_any_webhook_becomes_a_Shopify_fulfillment_a_PayPal_tracker_and_Stripe_tracking_and_its_late_webhook_adds_nothing()
    {
        var (_, captureId) = PayPal.SeedCapturedOrder();
        var stripe = _stripe.AddAccount(StripeKey);
        stripe.AddPaymentIntent(PaymentIntent);
        await StartAsync(StripeSettings(), [
            new SeedTransaction("paypal", "SALE", "SUCCESS", AuthorizationCode: captureId),
            new SeedTransaction("stripe", "SALE", "SUCCESS", ReceiptJson: $$"""{"payment_intent":"{{PaymentIntent}}"}"""),
        ]);
        await PushedAsync();
        var vendorOrder = World.Vendor.VendorSide().Order(World.Vendor.Orders.Single().Id)!;
        var line = vendorOrder.Lines.FindIndex(l => l.Sku == VendorSku1);
        var fulfillment = World.Vendor.VendorSide().AddFulfillment(vendorOrder.Id, Ups, "UPS", Url, DateTimeOffset.UtcNow,
            new Dictionary<int, int> { [line] = 1 });

        await Eventually.GetAsync(() => Task.FromResult(MerchantStore.FulfillmentsOf(MerchantOrder.Id)), f => f.Count == 1, "the Shopify fulfillment");
        await Eventually.GetAsync(() => Task.FromResult(PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId)), n => n == 1, "the PayPal tracker");
        await Eventually.GetAsync(() => Task.FromResult(stripe.PaymentIntent(PaymentIntent).Shipping?.TrackingNumber), n => n == Ups, "the Stripe tracking");
        CollectionAssert.AreEqual(new[] { Ups }, MerchantStore.FulfillmentsOf(MerchantOrder.Id).Single().TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", stripe.PaymentIntent(PaymentIntent).Shipping!.Carrier);

        var seen = Timeline(await World.OrderAsync(OrderId)).Count;
        var number = long.Parse(fulfillment.Id[(fulfillment.Id.LastIndexOf('/') + 1)..]);
        await World.PostAsync(VendorShipment(number, Ups, VendorSku1)); // the webhook of the same shipment, late
        await Eventually.GetAsync(() => World.OrderAsync(OrderId), o => Timeline(o).Count > seen, "the late webhook to reach the order");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // room for a wrong report, or a repeated poll, to show
        Assert.AreEqual(1, MerchantStore.Received.Count(r => r.Field == "fulfillmentCreate"), "no fulfillment added");
        Assert.AreEqual(1, PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId), "no tracker added");
        Assert.AreEqual(1, stripe.PaymentIntent(PaymentIntent).Updates, "Stripe updated once");
        var after = await World.OrderAsync(OrderId);
        Assert.AreEqual(1, after!["state"]!["subOrders"]![0]!["shipments"]!.AsArray().Count, "the shipment is recorded once");
    }

    /// <summary>The order's second line goes to an HTTP vendor; it ships and sends no webhook; its shipment feed brings the tracking.</summary>
    [TestMethod]
    public async Task An_HTTP_vendor_shipment_without_any_webhook_reaches_Shopify_through_its_shipment_feed()
    {
        await using var vendor = await HttpVendorSimulator.StartAsync();
        var settings = StripeSettings();
        settings["OrderSync:Merchants:0:ProductMappings:1:VendorId"] = "acme-3pl";
        settings["OrderSync:Vendors:1:Id"] = "acme-3pl";
        settings["OrderSync:Vendors:1:Kind"] = "HttpVendor";
        settings["OrderSync:Vendors:1:ApiBaseUrl"] = vendor.BaseUrl.ToString();
        settings["OrderSync:Vendors:1:WebhookSecrets:0"] = vendor.Secret;
        await StartAsync(settings);
        await PushedAsync();
        var pushed = await Eventually.GetAsync(() => Task.FromResult(vendor.Orders), o => o.Count == 1, "the push to the HTTP vendor");
        var lineId = pushed.Single().Body["lines"]![0]!["lineId"]!.GetValue<string>();

        vendor.Ship(pushed.Single().Id, new JsonObject
        {
            ["id"] = "shp_1", ["trackingNumbers"] = new JsonArray(Ups), ["carrier"] = "UPS", ["trackingUrls"] = new JsonArray(Url),
            ["lines"] = new JsonArray(new JsonObject { ["lineId"] = lineId, ["sku"] = VendorSku2, ["quantity"] = 1 }),
        });

        var fulfillments = await Eventually.GetAsync(() => Task.FromResult(MerchantStore.FulfillmentsOf(MerchantOrder.Id)), f => f.Count == 1, "the Shopify fulfillment");
        CollectionAssert.AreEqual(new[] { Ups }, fulfillments.Single().TrackingNumbers.ToArray());
        Assert.IsTrue(vendor.Received.Any(r => r.Kind == "feed"), "read through the feed, not per order");
    }

    private Dictionary<string, string> StripeSettings() => new()
    {
        ["OrderSync:TrackingPoll:Interval"] = "00:00:01",
        ["OrderSync:Stripe:ApiKey"] = StripeKey,
        ["OrderSync:Stripe:ApiBase"] = _stripe.BaseUrl.AbsoluteUri,
    };
}
