using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.ShipHero;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// ShipHero's Shipment Update webhook read into a VendorShipped signal (samples/shiphero/README.md for the sample),
/// routed to the merchant order named by partner_order_id "{shop}/{orderId}", or else by the ShipHero order's id.
/// </summary>
[TestClass]
public sealed class ShipHeroShipmentNormalizerTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const string SampleOrderUuid = "T3JkZXI6MjcyMjcxNzA2";
    private const string MerchantOrder = "merchant.myshopify.com/820982911946154508";

    private static byte[] SampleBody => Sample("shiphero", "shipment-update.json");

    private static WebhookParse Normalize(byte[] body, string? messageId = null) =>
        ShipHeroShipmentNormalizer.Normalize(ShipHeroVendorId, body, messageId, ReceivedAt);

    private static WebhookParse Normalize(JsonNode body) => Normalize(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static InboundSignal Accepted(WebhookParse parse)
    {
        var accepted = parse as WebhookParse.Accepted;
        Assert.IsNotNull(accepted, $"expected the delivery to be accepted, got {parse}");
        Assert.AreEqual(1, accepted.Signals.Count);
        return accepted.Signals[0];
    }

    private static VendorShipped Shipped(WebhookParse parse) => (VendorShipped)Accepted(parse).Signal;

    private static JsonObject SampleJson() => VendorWebhookFixtures.SampleJson("shiphero", "shipment-update.json");

    private static JsonObject Fulfillment(JsonObject body) => body["fulfillment"]!.AsObject();

    // ---- the documented sample ----

    [TestMethod]
    public void Sample_becomes_one_vendor_shipped_signal_for_the_vendor_in_the_route()
    {
        var shipped = Shipped(Normalize(SampleBody));

        Assert.AreEqual(ShipHeroVendorId, shipped.VendorId);
        Assert.AreEqual(SampleOrderUuid, shipped.VendorOrderId, "the ShipHero order is named by its GraphQL id, order_uuid");
    }

    [TestMethod]
    public void Sample_shipment_keeps_ShipHeros_shipment_id_tracking_carrier_and_url()
    {
        var shipment = Shipped(Normalize(SampleBody)).Shipment;

        Assert.AreEqual("263653409", shipment.ShipmentId);
        CollectionAssert.AreEqual(new[] { "Pickup" }, shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipment.Carrier);
        CollectionAssert.AreEqual(new[] { "https://foo.bar" }, shipment.TrackingUrls.ToArray());
    }

    [TestMethod]
    public void Sample_lines_keep_ShipHeros_line_id_sku_and_quantity()
    {
        var lines = Shipped(Normalize(SampleBody)).Shipment.Lines;

        CollectionAssert.AreEqual(new[] { new ShippedLine("Order #243-355933727", "1122334581", 50) }, lines.ToArray());
    }

    [TestMethod]
    public void Shipped_at_is_created_at_read_as_utc()
    {
        var parse = Normalize(SampleBody);

        Assert.AreEqual(new DateTimeOffset(2022, 5, 24, 18, 20, 15, TimeSpan.Zero), Shipped(parse).Shipment.ShippedAt);
        Assert.AreEqual(new DateTimeOffset(2022, 5, 24, 18, 20, 15, TimeSpan.Zero), Accepted(parse).Origin.OccurredAt);
    }

    [TestMethod]
    public void Shipped_at_is_the_time_of_receipt_when_created_at_is_absent_or_unreadable()
    {
        var body = SampleJson();
        Fulfillment(body)["created_at"] = "last tuesday";

        Assert.AreEqual(ReceivedAt, Shipped(Normalize(body)).Shipment.ShippedAt);
    }

    [TestMethod]
    public void Origin_names_ShipHero_the_webhook_type_and_the_message_id()
    {
        var origin = Accepted(Normalize(SampleBody, messageId: "msg-123")).Origin;

        Assert.AreEqual("shiphero", origin.Source);
        Assert.AreEqual("Shipment Update", origin.Topic);
        Assert.AreEqual("msg-123", origin.EventId);
        Assert.AreEqual(ReceivedAt, origin.ReceivedAt);
    }

    [TestMethod]
    public void Without_a_message_id_the_origin_names_the_shipment() =>
        Assert.AreEqual("263653409", Accepted(Normalize(SampleBody)).Origin.EventId);

    // ---- routing ----

    [TestMethod]
    public void Partner_order_id_that_is_not_a_merchant_order_key_routes_by_the_ShipHero_order_id()
    {
        var signal = Accepted(Normalize(SampleBody)); // partner_order_id "Order #243"

        Assert.IsNull(signal.Order);
        CollectionAssert.AreEqual(new[] { CorrelationRef.VendorOrder(ShipHeroVendorId, SampleOrderUuid) }, signal.References.ToArray());
    }

    [TestMethod]
    public void Partner_order_id_that_is_a_merchant_order_key_routes_straight_to_that_order()
    {
        var body = SampleJson();
        Fulfillment(body)["partner_order_id"] = MerchantOrder;

        var signal = Accepted(Normalize(body));

        Assert.AreEqual(new OrderKey("merchant.myshopify.com", "820982911946154508"), signal.Order);
        Assert.AreEqual(0, signal.References.Count);
    }

    [TestMethod]
    public void Merchant_order_key_in_partner_order_id_is_read_case_insensitively_for_the_shop()
    {
        var body = SampleJson();
        Fulfillment(body)["partner_order_id"] = "Merchant.MyShopify.com/820982911946154508";

        Assert.AreEqual(new OrderKey("merchant.myshopify.com", "820982911946154508"), Accepted(Normalize(body)).Order);
    }

    [TestMethod]
    [DataRow("merchant.myshopify.com/", DisplayName = "no order id")]
    [DataRow("/820982911946154508", DisplayName = "no shop")]
    [DataRow("merchant.myshopify.com/#1001", DisplayName = "order name, not id")]
    [DataRow("merchant.myshopify.com/8209/82911946154508", DisplayName = "two slashes")]
    [DataRow("merchant myshopify com/820982911946154508", DisplayName = "not a domain")]
    public void Partner_order_id_almost_like_a_merchant_order_key_routes_by_reference(string partnerOrderId)
    {
        var body = SampleJson();
        Fulfillment(body)["partner_order_id"] = partnerOrderId;

        Assert.IsNull(Accepted(Normalize(body)).Order);
    }

    [TestMethod]
    public void Legacy_numeric_order_id_is_a_second_reference_after_order_uuid()
    {
        var body = SampleJson();
        Fulfillment(body)["order_id"] = 272271706;

        var signal = Accepted(Normalize(body));

        CollectionAssert.AreEqual(
            new[] { CorrelationRef.VendorOrder(ShipHeroVendorId, SampleOrderUuid), CorrelationRef.VendorOrder(ShipHeroVendorId, "272271706") },
            signal.References.ToArray());
    }

    [TestMethod]
    public void Without_order_uuid_the_legacy_order_id_names_the_vendor_order()
    {
        var body = SampleJson();
        Fulfillment(body).Remove("order_uuid");
        Fulfillment(body)["order_id"] = 272271706;

        var signal = Accepted(Normalize(body));

        Assert.AreEqual("272271706", ((VendorShipped)signal.Signal).VendorOrderId);
        CollectionAssert.AreEqual(new[] { CorrelationRef.VendorOrder(ShipHeroVendorId, "272271706") }, signal.References.ToArray());
    }

    // ---- redeliveries ----

    [TestMethod]
    public void Same_body_delivered_twice_has_the_same_delivery_and_signal_id()
    {
        var first = (WebhookParse.Accepted)Normalize(SampleBody, "msg-1");
        var again = (WebhookParse.Accepted)Normalize(SampleBody, "msg-2");

        Assert.AreEqual(first.DeliveryId, again.DeliveryId);
        Assert.AreEqual(first.Signals[0].Id, again.Signals[0].Id);
    }

    [TestMethod]
    public void Delivery_and_signal_ids_are_the_vendor_and_the_sha256_of_the_body()
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(SampleBody));
        var accepted = (WebhookParse.Accepted)Normalize(SampleBody);

        Assert.AreEqual($"{ShipHeroVendorId}:{digest}", accepted.DeliveryId);
        Assert.AreEqual($"shiphero:{ShipHeroVendorId}:{digest}", accepted.Signals[0].Id);
    }

    [TestMethod]
    public void Changed_update_of_the_same_shipment_is_a_new_delivery_of_the_same_shipment()
    {
        var body = SampleJson();
        Fulfillment(body)["tracking_number"] = "1Z999AA10123456784";

        var first = (WebhookParse.Accepted)Normalize(SampleBody);
        var changed = (WebhookParse.Accepted)Normalize(body);

        Assert.AreNotEqual(first.DeliveryId, changed.DeliveryId);
        Assert.AreEqual(((VendorShipped)first.Signals[0].Signal).Shipment.ShipmentId, ((VendorShipped)changed.Signals[0].Signal).Shipment.ShipmentId);
    }

    [TestMethod]
    public void Without_shipment_id_the_shipment_uuid_names_the_shipment()
    {
        var body = SampleJson();
        Fulfillment(body).Remove("shipment_id");

        Assert.AreEqual("U2hpcG1lbnQ6MjYzNjUzNDA5", Shipped(Normalize(body)).Shipment.ShipmentId);
    }

    [TestMethod]
    public void Without_any_shipment_id_the_id_is_a_hash_of_order_and_tracking_numbers_stable_across_redeliveries()
    {
        JsonObject Anonymous(string tracking)
        {
            var body = SampleJson();
            Fulfillment(body).Remove("shipment_id");
            Fulfillment(body).Remove("shipment_uuid");
            Fulfillment(body)["tracking_number"] = tracking;
            return body;
        }

        var first = Shipped(Normalize(Anonymous("1Z1"))).Shipment.ShipmentId;
        var reformatted = Shipped(Normalize(Encoding.UTF8.GetBytes(Anonymous("1Z1").ToJsonString(new() { WriteIndented = true })))).Shipment.ShipmentId;
        var other = Shipped(Normalize(Anonymous("1Z2"))).Shipment.ShipmentId;

        StringAssert.StartsWith(first, "h-");
        Assert.AreEqual(first, reformatted);
        Assert.AreNotEqual(first, other);
    }

    // ---- packages (payloads of our own: the stored copy of ShipHero's sample ends before its packages array) ----

    [TestMethod]
    public void Carrier_and_tracking_inside_packages_are_preferred_and_added()
    {
        var body = SampleJson();
        Fulfillment(body)["packages"] = JsonNode.Parse("""
            [{"name": "Package #1", "shipping_carrier": "FedEx", "tracking_number": "7712", "tracking_url": "https://fedex.example/7712"},
             {"name": "Package #2", "shipping_carrier": "FedEx", "tracking_number": "7713"}]
            """);

        var shipment = Shipped(Normalize(body)).Shipment;

        Assert.AreEqual("FedEx", shipment.Carrier);
        CollectionAssert.AreEqual(new[] { "Pickup", "7712", "7713" }, shipment.TrackingNumbers.ToArray());
        CollectionAssert.AreEqual(new[] { "https://foo.bar", "https://fedex.example/7712" }, shipment.TrackingUrls.ToArray());
    }

    [TestMethod]
    public void Packages_at_the_top_level_with_tracking_on_their_shipping_label_are_read()
    {
        var body = SampleJson();
        body["packages"] = JsonNode.Parse("""[{"shipping_label": {"tracking_number": "Pickup", "tracking_url": "https://ups.example/1"}}]""");

        var shipment = Shipped(Normalize(body)).Shipment;

        CollectionAssert.AreEqual(new[] { "Pickup" }, shipment.TrackingNumbers.ToArray(), "the same number twice is kept once");
        CollectionAssert.AreEqual(new[] { "https://foo.bar", "https://ups.example/1" }, shipment.TrackingUrls.ToArray());
    }

    [TestMethod]
    public void Packages_of_an_unexpected_shape_are_skipped_not_refused()
    {
        var body = SampleJson();
        Fulfillment(body)["packages"] = JsonNode.Parse("""[42, "x", {"tracking_number": 7}, {"shipping_label": "none"}]""");

        var shipment = Shipped(Normalize(body)).Shipment;

        CollectionAssert.AreEqual(new[] { "Pickup" }, shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipment.Carrier);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty, as in ShipHero's own sample")]
    [DataRow("not a url", DisplayName = "not a URL")]
    [DataRow("ftp://foo.bar/x", DisplayName = "not http(s)")]
    public void Custom_tracking_url_that_is_not_a_web_address_is_left_out(string url)
    {
        var body = SampleJson();
        Fulfillment(body)["custom_tracking_url"] = url;

        Assert.AreEqual(0, Shipped(Normalize(body)).Shipment.TrackingUrls.Length);
    }

    [TestMethod]
    public void Line_of_zero_units_is_left_out()
    {
        var body = SampleJson();
        Fulfillment(body)["line_items"]!.AsArray().Add(JsonNode.Parse("""{"id": "x-1", "sku": "GIFT", "quantity": 0}"""));

        Assert.AreEqual(1, Shipped(Normalize(body)).Shipment.Lines.Length);
    }

    // ---- other webhook types ----

    // developer.shiphero.com/webhooks/order-canceled-webhook, the documented body.
    private const string OrderCanceled = """
        {"order_number": "9035013-2", "partner_order_id": "9035013-2", "fulfillment-status": "canceled", "order_id": 389118717,
         "order_uuid": "T3JkZXI6Mzg5MTE4NzE3", "shop_name": "public-api", "shop_order_number": "9035013-2", "webhook_type": "Order Canceled"}
        """;

    // developer.shiphero.com/webhooks/package-added-webhook, the documented body: its webhook_type is inside fulfillment.
    private const string PackageAdded = """
        {"test": "0", "fulfillment": {"webhook_type": "Package Added", "shipment_id": 168700093, "shipment_uuid": "U2hpcG1lbnQ6MTY4NzAwMDkz",
         "partner_order_id": "MO348", "order_number": "MO348", "warehouse": "Primary", "warehouse_id": 11790, "warehouse_uuid": "V2FyZWhvdXNlOjExNzkw",
         "shipping_label_id": 119614476, "shipping_label_uuid": "U2hpcHBpbmdMYWJlbDoxMTk2MTQ0NzY=", "package_added_at": "2021-07-24T01:50:56"}}
        """;

    [TestMethod]
    [DataRow(OrderCanceled, "Order Canceled", DisplayName = "Order Canceled (type at the top level)")]
    [DataRow(PackageAdded, "Package Added", DisplayName = "Package Added (type inside fulfillment)")]
    [DataRow("""{"webhook_type": "Inventory Update", "inventory": []}""", "Inventory Update", DisplayName = "Inventory Update")]
    public void Other_webhook_types_are_ignored(string body, string type)
    {
        var parse = Normalize(Encoding.UTF8.GetBytes(body));

        Assert.IsInstanceOfType<WebhookParse.Ignored>(parse, parse.ToString());
        StringAssert.Contains(((WebhookParse.Ignored)parse).Reason, type);
    }

    // ---- malformed bodies ----

    [TestMethod]
    [DataRow("", "the body is not valid JSON", DisplayName = "empty body")]
    [DataRow("webhook_type=Shipment+Update", "the body is not valid JSON", DisplayName = "form-encoded")]
    [DataRow("""[{"webhook_type": "Shipment Update"}]""", "the body must be a JSON object", DisplayName = "array")]
    [DataRow("""{"test": "0"}""", "webhook_type is missing", DisplayName = "no webhook_type")]
    [DataRow("""{"webhook_type": 3}""", "webhook_type must be a string", DisplayName = "webhook_type a number")]
    [DataRow("""{"webhook_type": "Shipment Update"}""", "fulfillment is missing", DisplayName = "no fulfillment")]
    [DataRow("""{"webhook_type": "Shipment Update", "fulfillment": []}""", "fulfillment must be an object", DisplayName = "fulfillment an array")]
    public void Body_that_is_not_a_shipment_update_object_is_malformed(string body, string reason) =>
        AssertMalformed(Normalize(Encoding.UTF8.GetBytes(body)), reason);

    [TestMethod]
    [DataRow("line_items", null, "fulfillment.line_items is missing")]
    [DataRow("line_items", "{}", "fulfillment.line_items must be an array")]
    [DataRow("line_items", "[7]", "fulfillment.line_items[0] must be an object")]
    [DataRow("line_items", """[{"sku": "A", "quantity": "50"}]""", "fulfillment.line_items[0].quantity must be a whole number of at least 0")]
    [DataRow("line_items", """[{"sku": "A", "quantity": -1}]""", "fulfillment.line_items[0].quantity must be a whole number of at least 0")]
    [DataRow("line_items", """[{"sku": "A", "quantity": 1.5}]""", "fulfillment.line_items[0].quantity must be a whole number of at least 0")]
    [DataRow("line_items", """[{"sku": "A"}]""", "fulfillment.line_items[0].quantity is missing")]
    [DataRow("line_items", """[{"sku": 1122334581, "quantity": 1}]""", "fulfillment.line_items[0].sku must be a string")]
    [DataRow("partner_order_id", "243", "fulfillment.partner_order_id must be a string")]
    [DataRow("order_uuid", "true", "fulfillment.order_uuid must be a string")]
    [DataRow("tracking_number", "15619819718", "fulfillment.tracking_number must be a string")]
    [DataRow("shipping_carrier", "{}", "fulfillment.shipping_carrier must be a string")]
    [DataRow("shipment_id", "2.5", "fulfillment.shipment_id must be a whole number or a string")]
    public void Fulfillment_field_missing_or_of_the_wrong_type_is_malformed_naming_the_field(string field, string? json, string reason)
    {
        var body = SampleJson();
        if (json is null) Fulfillment(body).Remove(field);
        else Fulfillment(body)[field] = JsonNode.Parse(json);

        AssertMalformed(Normalize(body), reason);
    }

    [TestMethod]
    public void Shipment_naming_no_order_at_all_is_malformed()
    {
        var body = SampleJson();
        Fulfillment(body).Remove("order_uuid");

        AssertMalformed(Normalize(body),
            "fulfillment names no order: partner_order_id is not a merchant order key \"{shop}/{orderId}\", and order_uuid and order_id are missing");
    }

    [TestMethod]
    public void Truncated_deliveries_are_answered_never_thrown()
    {
        foreach (var cut in Truncations(SampleBody))
        {
            var parse = Normalize(cut);
            Assert.IsInstanceOfType<WebhookParse.Malformed>(parse, $"{cut.Length} bytes: {parse}");
        }
    }

    private static void AssertMalformed(WebhookParse parse, string reason)
    {
        Assert.IsInstanceOfType<WebhookParse.Malformed>(parse, parse.ToString());
        Assert.AreEqual(reason, ((WebhookParse.Malformed)parse).Reason);
    }
}
