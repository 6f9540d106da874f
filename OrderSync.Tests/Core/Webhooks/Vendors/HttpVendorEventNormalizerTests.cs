using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// Events of OrderSync's vendor webhook API (docs/http-vendor-api.md; its examples are samples/vendors/*.json) read
/// strictly into VendorShipped / VendorOrderCancelled signals, routed by merchantOrder or by the vendor's order id.
/// </summary>
[TestClass]
public sealed class HttpVendorEventNormalizerTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 10, 0, 5, TimeSpan.Zero);
    private static readonly OrderKey MerchantOrder = new("merchant.myshopify.com", "820982911946154508");

    private static WebhookParse Normalize(byte[] body, string vendorId = HttpVendorId) => HttpVendorEventNormalizer.Normalize(vendorId, body, ReceivedAt);

    private static WebhookParse Normalize(JsonNode body) => Normalize(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static WebhookParse NormalizeSample(string name) => Normalize(Sample("vendors", name));

    private static InboundSignal Accepted(WebhookParse parse)
    {
        var accepted = parse as WebhookParse.Accepted;
        Assert.IsNotNull(accepted, $"expected the event to be accepted, got {parse}");
        Assert.AreEqual(1, accepted.Signals.Count);
        return accepted.Signals[0];
    }

    private static JsonObject Shipped() => SampleJson("vendors", "order-shipped.json");

    // ---- the documented examples ----

    [TestMethod]
    public void Shipped_example_becomes_vendor_shipped_with_the_vendors_order_id()
    {
        var signal = (VendorShipped)Accepted(NormalizeSample("order-shipped.json")).Signal;

        Assert.AreEqual(HttpVendorId, signal.VendorId);
        Assert.AreEqual("V-5001", signal.VendorOrderId);
    }

    [TestMethod]
    public void Shipped_example_shipment_keeps_every_field()
    {
        var shipment = ((VendorShipped)Accepted(NormalizeSample("order-shipped.json")).Signal).Shipment;

        Assert.AreEqual("shp_1", shipment.ShipmentId);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipment.Carrier);
        CollectionAssert.AreEqual(new[] { "https://www.ups.com/track?tracknum=1Z999AA10123456784" }, shipment.TrackingUrls.ToArray());
        CollectionAssert.AreEqual(new[] { new ShippedLine("466157049", "IPOD2008GREEN", 1) }, shipment.Lines.ToArray());
        Assert.AreEqual(new DateTimeOffset(2026, 11, 23, 9, 58, 0, TimeSpan.Zero), shipment.ShippedAt);
    }

    [TestMethod]
    public void Event_id_gives_the_delivery_id_per_vendor_and_the_signal_id()
    {
        var accepted = (WebhookParse.Accepted)NormalizeSample("order-shipped.json");

        Assert.AreEqual($"{HttpVendorId}:evt_1001", accepted.DeliveryId);
        Assert.AreEqual($"vendor:{HttpVendorId}:evt_1001", accepted.Signals[0].Id);
    }

    [TestMethod]
    public void Two_vendors_using_the_same_event_id_are_two_deliveries()
    {
        var first = (WebhookParse.Accepted)Normalize(Sample("vendors", "order-shipped.json"), "vendor-a");
        var second = (WebhookParse.Accepted)Normalize(Sample("vendors", "order-shipped.json"), "vendor-b");

        Assert.AreNotEqual(first.DeliveryId, second.DeliveryId);
        Assert.AreNotEqual(first.Signals[0].Id, second.Signals[0].Id);
    }

    [TestMethod]
    public void Origin_names_the_source_the_type_the_event_and_its_time()
    {
        var origin = Accepted(NormalizeSample("order-shipped.json")).Origin;

        Assert.AreEqual(new SignalOrigin("vendors", "order.shipped", "evt_1001", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), ReceivedAt), origin);
    }

    [TestMethod]
    public void Shipped_example_by_reference_has_defaults_for_its_optional_fields()
    {
        var shipment = ((VendorShipped)Accepted(NormalizeSample("order-shipped-by-reference.json")).Signal).Shipment;

        CollectionAssert.AreEqual(new[] { "00340434161094042557", "00340434161094042564" }, shipment.TrackingNumbers.ToArray());
        Assert.AreEqual(0, shipment.TrackingUrls.Length);
        CollectionAssert.AreEqual(new[] { new ShippedLine(null, "IPOD2008GREEN", 2), new ShippedLine(null, "IPOD2008BLACK", 1) }, shipment.Lines.ToArray());
        Assert.AreEqual(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero), shipment.ShippedAt, "shippedAt defaults to occurredAt");
    }

    [TestMethod]
    public void Cancelled_example_becomes_vendor_order_cancelled_with_its_reason_and_time()
    {
        var signal = Accepted(NormalizeSample("order-cancelled.json")).Signal;

        Assert.AreEqual(new VendorOrderCancelled(HttpVendorId, "V-5001", "out of stock", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero)), signal);
    }

    [TestMethod]
    public void Cancelled_event_without_a_reason_is_accepted()
    {
        var body = SampleJson("vendors", "order-cancelled.json");
        body.Remove("reason");

        Assert.IsNull(((VendorOrderCancelled)Accepted(Normalize(body)).Signal).Reason);
    }

    // ---- routing ----

    [TestMethod]
    [DataRow("order-shipped.json")]
    [DataRow("order-cancelled.json")]
    public void Event_naming_the_merchant_order_routes_straight_to_it(string sample)
    {
        var signal = Accepted(NormalizeSample(sample));

        Assert.AreEqual(MerchantOrder, signal.Order);
        Assert.AreEqual(0, signal.References.Count);
    }

    [TestMethod]
    public void Event_without_merchant_order_routes_by_the_vendors_order_id()
    {
        var signal = Accepted(NormalizeSample("order-shipped-by-reference.json"));

        Assert.IsNull(signal.Order);
        CollectionAssert.AreEqual(new[] { CorrelationRef.VendorOrder(HttpVendorId, "V-5002") }, signal.References.ToArray());
    }

    [TestMethod]
    public void Null_merchant_order_counts_as_absent()
    {
        var body = Shipped();
        body["merchantOrder"] = null;

        Assert.IsNull(Accepted(Normalize(body)).Order);
    }

    // ---- types OrderSync does not use, and fields it does not know ----

    [TestMethod]
    [DataRow("order.delivered")]
    [DataRow("order.shipment_updated")]
    [DataRow("ORDER.SHIPPED")]
    public void Other_event_types_are_ignored(string type)
    {
        var body = Shipped();
        body["type"] = type;

        var parse = Normalize(body);

        Assert.IsInstanceOfType<WebhookParse.Ignored>(parse, parse.ToString());
        Assert.AreEqual($"event type '{type}' is not used", ((WebhookParse.Ignored)parse).Reason);
    }

    [TestMethod]
    public void Unknown_fields_are_ignored()
    {
        var body = Shipped();
        body["warehouse"] = JsonNode.Parse("""{"code": "EU-1"}""");
        body["shipment"]!["weightGrams"] = 1200;

        Accepted(Normalize(body));
    }

    // ---- malformed events: 400 naming the field ----

    [TestMethod]
    [DataRow("", "the body is not valid JSON", DisplayName = "empty body")]
    [DataRow("{\"id\": \"evt_1\",", "the body is not valid JSON", DisplayName = "cut JSON")]
    [DataRow("id=evt_1&type=order.shipped", "the body is not valid JSON", DisplayName = "form-encoded")]
    [DataRow("[]", "the body must be a JSON object", DisplayName = "array")]
    [DataRow("\"order.shipped\"", "the body must be a JSON object", DisplayName = "string")]
    public void Body_that_is_not_a_json_object_is_malformed(string body, string reason) =>
        AssertMalformed(Normalize(Encoding.UTF8.GetBytes(body)), reason);

    [TestMethod]
    [DataRow("id", null, "id is missing")]
    [DataRow("id", "null", "id is missing")]
    [DataRow("id", "1001", "id must be a string")]
    [DataRow("id", "\"\"", "id must not be empty")]
    [DataRow("id", "\"   \"", "id must not be empty")]
    [DataRow("type", null, "type is missing")]
    [DataRow("type", "true", "type must be a string")]
    [DataRow("occurredAt", null, "occurredAt is missing")]
    [DataRow("occurredAt", "1795428000", "occurredAt must be a string")]
    [DataRow("occurredAt", "\"2026-11-23T10:00:00\"", "occurredAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z")]
    [DataRow("occurredAt", "\"2026-11-23 10:00:00Z\"", "occurredAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z")]
    [DataRow("occurredAt", "\"23/11/2026\"", "occurredAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z")]
    [DataRow("occurredAt", "\"2026-02-30T10:00:00Z\"", "occurredAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z")]
    [DataRow("merchantOrder", "820982911946154508", "merchantOrder must be a string")]
    [DataRow("merchantOrder", "\"820982911946154508\"", "merchantOrder must be \"{shop}/{orderId}\" as OrderSync sent it, e.g. \"merchant.myshopify.com/820982911946154508\"")]
    [DataRow("merchantOrder", "\"merchant.myshopify.com/#1001\"", "merchantOrder must be \"{shop}/{orderId}\" as OrderSync sent it, e.g. \"merchant.myshopify.com/820982911946154508\"")]
    [DataRow("vendorOrderId", null, "vendorOrderId is missing")]
    [DataRow("vendorOrderId", "5001", "vendorOrderId must be a string")]
    [DataRow("shipment", null, "shipment is missing")]
    [DataRow("shipment", "[]", "shipment must be an object")]
    public void Event_field_missing_or_of_the_wrong_type_is_malformed_naming_it(string field, string? json, string reason)
    {
        var body = Shipped();
        if (json is null) body.Remove(field);
        else body[field] = JsonNode.Parse(json);

        AssertMalformed(Normalize(body), reason);
    }

    [TestMethod]
    [DataRow("id", null, "shipment.id is missing")]
    [DataRow("id", "1", "shipment.id must be a string")]
    [DataRow("trackingNumbers", null, "shipment.trackingNumbers is missing")]
    [DataRow("trackingNumbers", "\"1Z999AA10123456784\"", "shipment.trackingNumbers must be an array")]
    [DataRow("trackingNumbers", "[\"1Z1\", 2]", "shipment.trackingNumbers[1] must be a non-empty string")]
    [DataRow("trackingNumbers", "[\"\"]", "shipment.trackingNumbers[0] must be a non-empty string")]
    [DataRow("carrier", "5", "shipment.carrier must be a string")]
    [DataRow("trackingUrls", "\"https://ups.com\"", "shipment.trackingUrls must be an array")]
    [DataRow("trackingUrls", "[\"ups.com/track\"]", "shipment.trackingUrls[0] must be an absolute http(s) URL")]
    [DataRow("trackingUrls", "[\"ftp://ups.com/track\"]", "shipment.trackingUrls[0] must be an absolute http(s) URL")]
    [DataRow("lines", null, "shipment.lines is missing")]
    [DataRow("lines", "{}", "shipment.lines must be an array")]
    [DataRow("lines", "[]", "shipment.lines must list at least one line")]
    [DataRow("lines", "[\"IPOD2008GREEN\"]", "shipment.lines[0] must be an object")]
    [DataRow("lines", "[{\"quantity\": 1}]", "shipment.lines[0] needs a lineId or a sku")]
    [DataRow("lines", "[{\"sku\": \"A\", \"quantity\": 1}, {\"sku\": \"B\"}]", "shipment.lines[1].quantity is missing")]
    [DataRow("lines", "[{\"sku\": \"A\", \"quantity\": \"1\"}]", "shipment.lines[0].quantity must be a whole number of at least 1")]
    [DataRow("lines", "[{\"sku\": \"A\", \"quantity\": 0}]", "shipment.lines[0].quantity must be a whole number of at least 1")]
    [DataRow("lines", "[{\"sku\": \"A\", \"quantity\": 1.5}]", "shipment.lines[0].quantity must be a whole number of at least 1")]
    [DataRow("lines", "[{\"sku\": 7, \"quantity\": 1}]", "shipment.lines[0].sku must be a string")]
    [DataRow("lines", "[{\"lineId\": 466157049, \"quantity\": 1}]", "shipment.lines[0].lineId must be a string")]
    [DataRow("shippedAt", "\"yesterday\"", "shipment.shippedAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-23T10:00:00Z")]
    public void Shipment_field_missing_or_of_the_wrong_type_is_malformed_naming_it(string field, string? json, string reason)
    {
        var body = Shipped();
        var shipment = body["shipment"]!.AsObject();
        if (json is null) shipment.Remove(field);
        else shipment[field] = JsonNode.Parse(json);

        AssertMalformed(Normalize(body), reason);
    }

    [TestMethod]
    public void Id_longer_than_200_characters_is_malformed()
    {
        var body = Shipped();
        body["id"] = new string('e', 201);

        AssertMalformed(Normalize(body), "id must be at most 200 characters");
    }

    [TestMethod]
    public void Cancelled_event_needs_no_shipment_but_a_string_reason()
    {
        var body = SampleJson("vendors", "order-cancelled.json");
        body["reason"] = 42;

        AssertMalformed(Normalize(body), "reason must be a string");
    }

    [TestMethod]
    [DataRow("order-shipped.json")]
    [DataRow("order-shipped-by-reference.json")]
    [DataRow("order-cancelled.json")]
    public void Truncated_deliveries_are_answered_never_thrown(string sample)
    {
        foreach (var cut in Truncations(Sample("vendors", sample), step: 3))
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
