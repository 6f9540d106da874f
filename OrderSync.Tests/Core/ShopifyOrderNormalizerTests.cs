using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core;

/// <summary>
/// Shopify's orders/* webhook body (REST-shaped order) read into an <see cref="Order"/>.
/// The sample is Shopify's documented one for the orders/* topics: see samples/shopify/README.md.
/// </summary>
[TestClass]
public sealed class ShopifyOrderNormalizerTests
{
    private const string Shop = ShopifyWebhookBuilder.MerchantShop;

    private static Order Normalize(JsonNode? body)
    {
        using var document = JsonDocument.Parse(body?.ToJsonString() ?? "null");
        return ShopifyOrderNormalizer.Normalize(document.RootElement, Shop);
    }

    private static Order NormalizeSample()
    {
        using var document = JsonDocument.Parse(Samples.ShopifyOrder());
        return ShopifyOrderNormalizer.Normalize(document.RootElement, Shop);
    }

    private static JsonObject Sample() => JsonNode.Parse(Samples.ShopifyOrder())!.AsObject();

    private static JsonObject FirstLine(JsonObject order) => order["line_items"]![0]!.AsObject();

    /// <summary>Malformed input is refused with an exception the webhook source turns into a 400, and a message that says what is wrong.</summary>
    private static void AssertRejected(JsonNode? body, params string[] messageMentions)
    {
        Exception? thrown = null;
        try
        {
            Normalize(body);
        }
        catch (Exception e)
        {
            thrown = e;
        }

        Assert.IsNotNull(thrown, "malformed order was accepted");
        Assert.IsTrue(thrown is FormatException or ArgumentException,
            $"expected FormatException or ArgumentException (the webhook source answers those with 400), got {thrown.GetType().Name}: {thrown.Message}");
        foreach (var mention in messageMentions)
            Assert.Contains(mention, thrown.Message, $"the message should mention '{mention}'");
    }

    // ---- Shopify's documented sample ----

    [TestMethod]
    public void Order_id_above_2_to_the_53_is_kept_exactly()
    {
        var order = NormalizeSample();

        Assert.AreEqual("820982911946154508", order.Key.OrderId);
        Assert.AreEqual(Samples.ShopifyOrderId, order.Key.OrderId);
        Assert.AreNotEqual(((long)(double)820982911946154508L).ToString(), order.Key.OrderId, "the id must not pass through a double");
        Assert.AreEqual(Shop, order.Key.Shop);
    }

    [TestMethod]
    public void Name_and_currency_are_read()
    {
        var order = NormalizeSample();

        Assert.AreEqual("#9999", order.Name);
        Assert.AreEqual("USD", order.Currency);
    }

    [TestMethod]
    public void Both_line_items_are_read_with_their_exact_ids()
    {
        var order = NormalizeSample();

        CollectionAssert.AreEqual(new[] { "866550311766439020", "141249953214522974" }, order.Lines.Select(l => l.LineId).ToArray());
    }

    [TestMethod]
    public void Line_item_carries_sku_variant_title_price_and_quantity()
    {
        var order = NormalizeSample();

        foreach (var line in order.Lines)
        {
            Assert.AreEqual("IPOD2008PINK", line.Sku);
            Assert.AreEqual("808950810", line.VariantId);
            Assert.AreEqual("IPod Nano - 8GB", line.Title);
            Assert.AreEqual(199.00m, line.UnitPrice);
            Assert.AreEqual(1, line.Quantity);
        }
    }

    [TestMethod]
    public void Shipping_address_is_read()
    {
        var address = NormalizeSample().ShippingAddress;

        Assert.IsNotNull(address);
        Assert.AreEqual("Steve", address.FirstName);
        Assert.AreEqual("Shipper", address.LastName);
        Assert.AreEqual("Shipping Company", address.Company);
        Assert.AreEqual("123 Shipping Street", address.Address1);
        Assert.IsNull(address.Address2);
        Assert.AreEqual("Shippington", address.City);
        Assert.AreEqual("KY", address.ProvinceCode);
        Assert.AreEqual("US", address.CountryCode);
        Assert.AreEqual("40003", address.Zip);
        Assert.AreEqual("555-555-SHIP", address.Phone);
    }

    [TestMethod]
    public void Contact_email_is_the_order_email_not_the_customer_profile_email()
    {
        var customer = NormalizeSample().Customer;

        Assert.AreEqual("jon@example.com", customer.Email);
        Assert.AreEqual("John", customer.FirstName);
        Assert.AreEqual("Smith", customer.LastName);
    }

    [TestMethod]
    public void Tags_are_split_and_trimmed()
    {
        var order = NormalizeSample();

        CollectionAssert.AreEqual(new[] { "tag1", "tag2" }, order.Tags.ToArray());
    }

    [TestMethod]
    public void Shipping_method_is_the_first_shipping_line_title() =>
        Assert.AreEqual("Generic Shipping", NormalizeSample().ShippingMethod);

    [TestMethod]
    public void Payment_status_of_the_sample_is_voided() =>
        Assert.AreEqual(PaymentStatus.Voided, NormalizeSample().PaymentStatus);

    [TestMethod]
    public void Updated_at_keeps_its_offset_and_instant()
    {
        var order = NormalizeSample();

        Assert.AreEqual(new DateTimeOffset(2021, 12, 31, 19, 0, 0, TimeSpan.FromHours(-5)), order.UpdatedAt);
        Assert.AreEqual(TimeSpan.FromHours(-5), order.UpdatedAt.Offset);
    }

    [TestMethod]
    public void Null_note_stays_null() =>
        Assert.IsNull(NormalizeSample().Note);

    // ---- payment status ----

    [TestMethod]
    [DataRow("pending", PaymentStatus.Pending)]
    [DataRow("authorized", PaymentStatus.Authorized)]
    [DataRow("partially_paid", PaymentStatus.PartiallyPaid)]
    [DataRow("paid", PaymentStatus.Paid)]
    [DataRow("partially_refunded", PaymentStatus.PartiallyRefunded)]
    [DataRow("refunded", PaymentStatus.Refunded)]
    [DataRow("voided", PaymentStatus.Voided)]
    [DataRow("expired", PaymentStatus.Voided)]
    [DataRow("a_status_shopify_adds_later", PaymentStatus.Unknown)]
    [DataRow("PAID", PaymentStatus.Unknown)]
    public void Financial_status_maps_to_payment_status(string financialStatus, PaymentStatus expected)
    {
        var body = Sample();
        body["financial_status"] = financialStatus;

        Assert.AreEqual(expected, Normalize(body).PaymentStatus);
    }

    [TestMethod]
    public void Missing_financial_status_is_unknown_payment()
    {
        var body = Sample();
        body.Remove("financial_status");

        Assert.AreEqual(PaymentStatus.Unknown, Normalize(body).PaymentStatus);
    }

    // ---- other accepted shapes ----

    [TestMethod]
    public void Custom_item_without_sku_or_variant_is_accepted()
    {
        var body = Sample();
        var line = FirstLine(body);
        line["sku"] = null;
        line["variant_id"] = null;
        line["product_id"] = null;
        line["title"] = "Engraving";

        var custom = Normalize(body).Lines[0];

        Assert.IsNull(custom.Sku);
        Assert.IsNull(custom.VariantId);
        Assert.AreEqual("Engraving", custom.Title);
        Assert.AreEqual("866550311766439020", custom.LineId);
    }

    [TestMethod]
    public void Order_id_sent_as_a_string_is_accepted()
    {
        var body = Sample();
        body["id"] = "820982911946154508";

        Assert.AreEqual("820982911946154508", Normalize(body).Key.OrderId);
    }

    [TestMethod]
    public void Missing_name_falls_back_to_the_order_id()
    {
        var body = Sample();
        body.Remove("name");

        Assert.AreEqual("#820982911946154508", Normalize(body).Name);
    }

    [TestMethod]
    public void Order_without_shipping_address_has_none()
    {
        var body = Sample();
        body["shipping_address"] = null;

        Assert.IsNull(Normalize(body).ShippingAddress);
    }

    [TestMethod]
    public void Line_removed_by_an_edit_is_kept_with_quantity_zero_for_routing_to_skip()
    {
        var body = Sample();
        FirstLine(body)["current_quantity"] = 0;

        Assert.AreEqual(0, Normalize(body).Lines[0].Quantity);
    }

    [TestMethod]
    public void Quantity_is_what_is_left_after_edits_not_what_was_first_ordered()
    {
        var body = Sample();
        FirstLine(body)["quantity"] = 3;
        FirstLine(body)["current_quantity"] = 2;

        Assert.AreEqual(2, Normalize(body).Lines[0].Quantity);
    }

    [TestMethod]
    public void Line_without_current_quantity_has_the_quantity_ordered()
    {
        var body = Sample();
        FirstLine(body).Remove("current_quantity");
        FirstLine(body)["quantity"] = 4;

        Assert.AreEqual(4, Normalize(body).Lines[0].Quantity);
    }

    [TestMethod]
    public void Line_with_a_malformed_current_quantity_is_rejected_naming_the_line()
    {
        var body = Sample();
        FirstLine(body)["current_quantity"] = "two";

        var error = Assert.ThrowsExactly<FormatException>(() => Normalize(body));
        StringAssert.Contains(error.Message, "current_quantity");
    }

    // ---- malformed bodies ----

    [TestMethod]
    [DataRow("[]", DisplayName = "array")]
    [DataRow("\"an order\"", DisplayName = "string")]
    [DataRow("null", DisplayName = "null")]
    [DataRow("42", DisplayName = "number")]
    public void Body_that_is_not_an_object_is_rejected(string json) =>
        AssertRejected(JsonNode.Parse(json), "not a JSON object");

    [TestMethod]
    public void Order_without_id_is_rejected()
    {
        var body = Sample();
        body.Remove("id");

        AssertRejected(body, "no id");
    }

    [TestMethod]
    [DataRow("gid://shopify/Order/820982911946154508")]
    [DataRow("-5")]
    [DataRow("")]
    public void Order_id_that_is_not_numeric_is_rejected(string id)
    {
        var body = Sample();
        body["id"] = id;

        AssertRejected(body, "numeric order id");
    }

    [TestMethod]
    public void Order_without_currency_is_rejected()
    {
        var body = Sample();
        body.Remove("currency");

        AssertRejected(body, "currency");
    }

    [TestMethod]
    public void Order_without_any_timestamp_is_rejected()
    {
        var body = Sample();
        body.Remove("updated_at");
        body.Remove("created_at");

        AssertRejected(body, "updated_at");
    }

    [TestMethod]
    public void Line_without_id_is_rejected()
    {
        var body = Sample();
        FirstLine(body).Remove("id");

        AssertRejected(body, "line item", "id");
    }

    [TestMethod]
    public void Line_without_quantity_is_rejected_naming_the_line()
    {
        var body = Sample();
        FirstLine(body).Remove("quantity");

        AssertRejected(body, "866550311766439020", "quantity");
    }

    [TestMethod]
    public void Line_with_negative_quantity_is_rejected_naming_the_line()
    {
        var body = Sample();
        FirstLine(body)["quantity"] = -1;

        AssertRejected(body, "866550311766439020", "quantity");
    }

    [TestMethod]
    public void Line_with_fractional_quantity_is_rejected_naming_the_line()
    {
        var body = Sample();
        FirstLine(body)["quantity"] = 1.5;

        AssertRejected(body, "866550311766439020", "quantity");
    }

    [TestMethod]
    [DataRow("null", DisplayName = "quantity null")]
    [DataRow("\"1\"", DisplayName = "quantity as text")]
    public void Line_with_quantity_of_the_wrong_type_is_rejected_naming_the_line(string quantity)
    {
        var body = Sample();
        FirstLine(body)["quantity"] = JsonNode.Parse(quantity);

        AssertRejected(body, "866550311766439020", "quantity");
    }

    [TestMethod]
    public void Line_without_price_is_rejected()
    {
        var body = Sample();
        FirstLine(body).Remove("price");

        AssertRejected(body, "price");
    }

    [TestMethod]
    [DataRow("\"abc\"", DisplayName = "text that is not an amount")]
    [DataRow("\"\"", DisplayName = "empty text")]
    [DataRow("null", DisplayName = "null")]
    [DataRow("true", DisplayName = "boolean")]
    [DataRow("{\"amount\":\"199.00\"}", DisplayName = "object")]
    public void Line_with_a_price_that_is_not_a_number_is_rejected(string price)
    {
        var body = Sample();
        FirstLine(body)["price"] = JsonNode.Parse(price);

        AssertRejected(body, "price");
    }

    [TestMethod]
    public void Line_with_a_numeric_price_is_accepted()
    {
        var body = Sample();
        FirstLine(body)["price"] = 12.5m;

        Assert.AreEqual(12.5m, Normalize(body).Lines[0].UnitPrice);
    }
}
