using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core;

/// <summary>
/// Every Shopify topic OrderSync uses, read from Shopify's documented samples (webhook reference 2026-07, see
/// samples/shopify/README.md): merchant-store topics become signals for the order, vendor-store topics signals for the
/// vendor's order.
/// </summary>
[TestClass]
public sealed class ShopifyTopicsTests
{
    private const string Merchant = "merchant.myshopify.com";
    private const string VendorShop = "vendor-store.myshopify.com";
    private const string VendorSecret = "vendor-app-secret";
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrderKey SampleOrder = new(Merchant, "820982911946154508");

    [TestMethod]
    [DataRow("orders/create", "orders-updated.json", typeof(OrderPlaced))]
    [DataRow("orders/updated", "orders-updated.json", typeof(OrderUpdated))]
    public void Order_topics_carry_the_whole_order_as_documented(string topic, string sample, Type expected)
    {
        var signal = Accepted(topic, Merchant, sample);

        Assert.AreEqual(SampleOrder, signal.Order);
        Assert.IsInstanceOfType(signal.Signal, expected);
        var order = signal.Signal is OrderPlaced p ? p.Order : ((OrderUpdated)signal.Signal).Order;
        CollectionAssert.AreEqual(new[] { "SKU2006-001", "LENS-PROTECT-2YR", "CASE-LEATHER-PREM", "SKU2006-020", "SKU2006-035" },
            order.Lines.Select(l => l.Sku).ToArray());
        Assert.AreEqual(159.99m, order.Lines[3].UnitPrice);
        Assert.AreEqual("487817672276298554", order.Lines[0].LineId);
    }

    [TestMethod]
    public void Orders_paid_is_a_capture_reported_by_Shopify_for_the_order_total()
    {
        var signal = Accepted("orders/paid", Merchant, "orders-paid.json");

        Assert.AreEqual(SampleOrder, signal.Order);
        var paid = (PaymentReported)signal.Signal;
        Assert.AreEqual(PaymentPlatform.Shopify, paid.Platform);
        Assert.AreEqual(PaymentEvent.Captured, paid.Event);
        Assert.AreEqual(new Money(404.95m, "USD"), paid.Amount);
    }

    [TestMethod]
    public void Orders_cancelled_carries_the_reason_and_time_of_cancellation()
    {
        var cancelled = (OrderCancelled)Accepted("orders/cancelled", Merchant, "orders-cancelled.json").Signal;

        Assert.AreEqual("customer", cancelled.Reason);
        Assert.AreEqual(DateTimeOffset.Parse("2021-12-31T19:00:00-05:00"), cancelled.At);
    }

    [TestMethod]
    public void Orders_edited_lists_the_lines_added_and_removed_with_their_quantities()
    {
        var signal = Accepted("orders/edited", Merchant, "orders-edited.json");

        Assert.AreEqual(SampleOrder, signal.Order);
        var edited = (OrderEdited)signal.Signal;
        Assert.AreEqual("78912328793123782", edited.EditId);
        Assert.AreEqual(new LineDelta("78643924236718232", 1), edited.Additions.Single());
        Assert.AreEqual(new LineDelta("487817672276298554", 1), edited.Removals.Single());
    }

    [TestMethod]
    public void Refunds_create_reports_what_the_successful_refund_transactions_returned_in_the_shop_currency()
    {
        var signal = Accepted("refunds/create", Merchant, "refunds-create.json");

        Assert.AreEqual(SampleOrder, signal.Order);
        var refund = (PaymentReported)signal.Signal;
        Assert.AreEqual(PaymentEvent.Refunded, refund.Event);
        Assert.AreEqual("890088186047892319", refund.Reference);
        Assert.AreEqual(new Money(85.00m, "USD"), refund.Amount, "75.00 + 10.00; the sample's transactions have no currency, its lines say USD");
    }

    [TestMethod]
    [DataRow("fulfillments/create", "fulfillments-create.json")]
    [DataRow("fulfillments/update", "fulfillments-update.json")]
    public void A_vendor_store_fulfillment_is_a_shipment_for_the_vendor_order_with_its_tracking_and_lines(string topic, string sample)
    {
        var signal = Accepted(topic, VendorShop, sample, VendorSecret);

        Assert.IsNull(signal.Order, "a vendor webhook names the vendor's order, not the merchant's");
        Assert.AreEqual(CorrelationRef.VendorOrder("vendor-a", "820982911946154508"), signal.References.Single());
        var shipped = (VendorShipped)signal.Signal;
        Assert.AreEqual("vendor-a", shipped.VendorId);
        Assert.AreEqual("123456", shipped.Shipment.ShipmentId);
        CollectionAssert.AreEqual(new[] { "1z827wk74630" }, shipped.Shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipped.Shipment.Carrier);
        StringAssert.StartsWith(shipped.Shipment.TrackingUrls.Single(), "https://www.ups.com/WebTracking");
        Assert.AreEqual(5, shipped.Shipment.Lines.Length);
        Assert.AreEqual(new ShippedLine("487817672276298554", "SKU2006-001", 1), shipped.Shipment.Lines[0]);
    }

    [TestMethod]
    [DataRow("cancelled")]
    [DataRow("failure")]
    public void A_fulfillment_that_did_not_ship_is_ignored(string status)
    {
        var body = Sample("fulfillments-create.json");
        body["status"] = status;

        Assert.IsInstanceOfType<WebhookParse.Ignored>(Parse("fulfillments/update", VendorShop, Encoding.UTF8.GetBytes(body.ToJsonString())));
    }

    [TestMethod]
    public void A_vendor_store_cancellation_is_a_vendor_cancellation_of_its_order()
    {
        var signal = Accepted("orders/cancelled", VendorShop, "orders-cancelled.json", VendorSecret);

        var cancelled = (VendorOrderCancelled)signal.Signal;
        Assert.AreEqual("vendor-a", cancelled.VendorId);
        Assert.AreEqual("820982911946154508", cancelled.VendorOrderId);
        Assert.AreEqual("customer", cancelled.Reason);
    }

    [TestMethod]
    [DataRow("orders/create", VendorShop, DisplayName = "an order created on a vendor's store is its own business")]
    [DataRow("fulfillments/create", Merchant, DisplayName = "the merchant's own fulfillments are not a vendor's shipment")]
    [DataRow("products/update", Merchant, DisplayName = "a topic OrderSync does not use")]
    public void Topics_that_mean_nothing_for_that_store_are_ignored(string topic, string shop)
    {
        Assert.IsInstanceOfType<WebhookParse.Ignored>(Parse(topic, shop, File.ReadAllBytes(SamplePath("orders-updated.json"))));
    }

    [TestMethod]
    public async Task A_vendor_store_may_sign_with_its_own_secret_and_a_merchant_store_may_not()
    {
        var body = File.ReadAllBytes(SamplePath("fulfillments-create.json"));
        var vendorSigned = Headers("fulfillments/create", VendorShop, ShopifyWebhookSignature.Compute(body, VendorSecret));
        var merchantSignedWithVendorSecret = Headers("orders/create", Merchant, ShopifyWebhookSignature.Compute(body, VendorSecret));

        Assert.AreEqual(Authenticity.Authentic, await Source().VerifyAsync(null, vendorSigned, body, ReceivedAt, CancellationToken.None));
        Assert.AreEqual(Authenticity.Forged, await Source().VerifyAsync(null, merchantSignedWithVendorSecret, body, ReceivedAt, CancellationToken.None));
    }

    [TestMethod]
    [DataRow("orders/edited", """{"order_edit": {"id": 1, "line_items": {"additions": []}}}""", "order_id")]
    [DataRow("orders/edited", """{"not_an_edit": {}}""", "order_edit")]
    [DataRow("refunds/create", """{"id": 1, "created_at": "2021-12-31T19:00:00-05:00"}""", "order_id")]
    [DataRow("fulfillments/create", """{"id": 1, "created_at": "2021-12-31T19:00:00-05:00"}""", "order_id")]
    [DataRow("orders/create", "[1, 2]", "not a JSON object")]
    public void A_body_missing_what_its_topic_needs_is_malformed_naming_it(string topic, string body, string named)
    {
        var shop = topic.StartsWith("fulfillments") ? VendorShop : Merchant;

        var parse = Parse(topic, shop, Encoding.UTF8.GetBytes(body));

        Assert.IsInstanceOfType<WebhookParse.Malformed>(parse);
        StringAssert.Contains(((WebhookParse.Malformed)parse).Reason, named);
    }

    private static InboundSignal Accepted(string topic, string shop, string sample, string? secret = null)
    {
        var parse = Parse(topic, shop, File.ReadAllBytes(SamplePath(sample)));
        Assert.IsInstanceOfType<WebhookParse.Accepted>(parse, parse.ToString());
        var accepted = (WebhookParse.Accepted)parse;
        Assert.AreEqual("delivery-1", accepted.DeliveryId);
        var signal = accepted.Signals.Single();
        Assert.AreEqual("shopify:delivery-1", signal.Id);
        Assert.AreEqual(topic, signal.Origin.Topic);
        return signal;
    }

    private static WebhookParse Parse(string topic, string shop, byte[] body) =>
        Source().Parse(null, Headers(topic, shop, "unused"), body, ReceivedAt);

    private static ShopifyWebhookSource Source() => new(
        Options.Create(new ShopifyOptions { WebhookSecrets = [ShopifyWebhookBuilder.Secret] }),
        new MerchantDirectory(Options.Create(new SyncConfiguration
        {
            Vendors = [new VendorOptions { Id = "vendor-a", ShopDomain = VendorShop, AccessToken = "t", WebhookSecrets = [VendorSecret] }],
        })));

    private static WebhookHeaders Headers(string topic, string shop, string signature) => new(new Dictionary<string, string>
    {
        ["X-Shopify-Topic"] = topic,
        ["X-Shopify-Shop-Domain"] = shop,
        ["X-Shopify-Webhook-Id"] = "delivery-1",
        ["X-Shopify-Hmac-Sha256"] = signature,
    });

    private static JsonObject Sample(string name) => JsonNode.Parse(File.ReadAllText(SamplePath(name)))!.AsObject();

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "shopify", name);
}
