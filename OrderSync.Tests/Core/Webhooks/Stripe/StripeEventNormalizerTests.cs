using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Stripe;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks.Stripe;

/// <summary>
/// Stripe events read into payment signals and routed to their order. The samples are built from Stripe's own API
/// fixtures (stripe/openapi openapi/fixtures3.json): see samples/stripe/README.md.
/// </summary>
[TestClass]
public sealed class StripeEventNormalizerTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(StripeSamples.EventCreated);
    private static readonly OrderKey Order = new("merchant.myshopify.com", "820982911946154508");

    private const string SucceededIntent = "pi_1MoS6tLgUG5tbmjcQ62U6djv";
    private const string SucceededLatestCharge = "ch_1MoS6tLgUG5tbmjctfClmUOq";
    private const string FailedIntent = "pi_1MoS6fLgUG5tbmjca6AdBPsl";
    private const string FixtureCharge = "ch_1MoS30LgUG5tbmjcjfsQqpHI";

    private static WebhookParse Normalize(byte[] body) => StripeEventNormalizer.Normalize(body, ReceivedAt);

    private static WebhookParse Normalize(JsonNode body) => Normalize(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static JsonObject Sample(byte[] sample) => JsonNode.Parse(sample)!.AsObject();

    private static JsonObject DataObject(JsonObject stripeEvent) => stripeEvent["data"]!["object"]!.AsObject();

    private static JsonObject WithMetadata(byte[] sample, string orderValue)
    {
        var stripeEvent = Sample(sample);
        DataObject(stripeEvent)["metadata"] = new JsonObject { ["ordersync_order"] = orderValue };
        return stripeEvent;
    }

    private static InboundSignal Accepted(WebhookParse parse)
    {
        var accepted = parse as WebhookParse.Accepted;
        Assert.IsNotNull(accepted, $"expected Accepted, got {parse}");
        Assert.AreEqual(StripeSamples.EventId, accepted.DeliveryId);
        return accepted.Signals.Single();
    }

    private static PaymentReported Payment(InboundSignal signal) =>
        signal.Signal as PaymentReported ?? throw new AssertFailedException($"expected PaymentReported, got {signal.Signal}");

    private static void AssertMalformed(WebhookParse parse, string mention)
    {
        var malformed = parse as WebhookParse.Malformed;
        Assert.IsNotNull(malformed, $"expected Malformed, got {parse}");
        Assert.Contains(mention, malformed.Reason, $"the reason should mention '{mention}'");
    }

    // ---- payment_intent.succeeded ----

    [TestMethod]
    public void Given_payment_intent_succeeded_Then_it_reports_the_amount_received_as_captured()
    {
        var payment = Payment(Accepted(Normalize(StripeSamples.PaymentIntentSucceeded())));

        Assert.AreEqual(new PaymentReported(PaymentPlatform.Stripe, PaymentEvent.Captured, SucceededIntent, new Money(10.99m, "USD"), Created), payment);
    }

    [TestMethod]
    public void Given_any_event_Then_the_signal_id_and_origin_come_from_the_event()
    {
        var signal = Accepted(Normalize(StripeSamples.PaymentIntentSucceeded()));

        Assert.AreEqual("stripe:evt_1MoS6tLgUG5tbmjchDsX6fiT", signal.Id);
        Assert.AreEqual(new SignalOrigin("stripe", "payment_intent.succeeded", StripeSamples.EventId, Created, ReceivedAt), signal.Origin);
    }

    [TestMethod]
    public void Given_the_same_event_delivered_twice_Then_both_give_the_same_delivery_and_signal_id()
    {
        var first = (WebhookParse.Accepted)Normalize(StripeSamples.PaymentIntentSucceeded());
        var again = (WebhookParse.Accepted)StripeEventNormalizer.Normalize(StripeSamples.PaymentIntentSucceeded(), ReceivedAt.AddHours(1));

        Assert.AreEqual(first.DeliveryId, again.DeliveryId);
        Assert.AreEqual(first.Signals.Single().Id, again.Signals.Single().Id);
    }

    [TestMethod]
    public void Given_no_order_metadata_Then_it_is_routed_by_PaymentIntent_then_latest_charge_and_links_nothing()
    {
        var signal = Accepted(Normalize(StripeSamples.PaymentIntentSucceeded()));

        Assert.IsNull(signal.Order);
        CollectionAssert.AreEqual(
            new[] { CorrelationRef.StripePaymentIntent(SucceededIntent), CorrelationRef.StripeCharge(SucceededLatestCharge) },
            signal.References.ToArray());
        Assert.IsEmpty(signal.Links);
    }

    [TestMethod]
    public void Given_ordersync_order_metadata_Then_it_goes_to_that_order_and_links_the_PaymentIntent_and_its_charge()
    {
        var signal = Accepted(Normalize(WithMetadata(StripeSamples.PaymentIntentSucceeded(), "merchant.myshopify.com/820982911946154508")));

        Assert.AreEqual(Order, signal.Order);
        CollectionAssert.AreEqual(
            new[]
            {
                new CorrelationLink(CorrelationRef.StripePaymentIntent(SucceededIntent), Order),
                new CorrelationLink(CorrelationRef.StripeCharge(SucceededLatestCharge), Order),
            },
            signal.Links.ToArray());
    }

    [TestMethod]
    public void Given_metadata_with_an_upper_case_shop_Then_the_order_key_is_the_canonical_lower_case_one() =>
        Assert.AreEqual(Order, Accepted(Normalize(WithMetadata(StripeSamples.PaymentIntentSucceeded(), "Merchant.MyShopify.com/820982911946154508"))).Order);

    [TestMethod]
    public void Given_metadata_on_a_PaymentIntent_without_a_charge_Then_only_the_PaymentIntent_is_linked()
    {
        var signal = Accepted(Normalize(WithMetadata(StripeSamples.PaymentIntentPaymentFailed(), "merchant.myshopify.com/820982911946154508")));

        Assert.AreEqual(Order, signal.Order);
        Assert.AreEqual(new CorrelationLink(CorrelationRef.StripePaymentIntent(FailedIntent), Order), signal.Links.Single());
    }

    [TestMethod]
    [DataRow("820982911946154508", DisplayName = "order id only")]
    [DataRow("merchant.myshopify.com", DisplayName = "shop only")]
    [DataRow("merchant.myshopify.com/#1001", DisplayName = "order name, not id")]
    [DataRow("merchant.myshopify.com/820982911946154508/extra", DisplayName = "three segments")]
    [DataRow("https://merchant.myshopify.com/820982911946154508", DisplayName = "a URL")]
    [DataRow("", DisplayName = "empty")]
    public void Given_ordersync_order_metadata_not_in_the_documented_form_Then_it_is_routed_by_reference(string value)
    {
        var signal = Accepted(Normalize(WithMetadata(StripeSamples.PaymentIntentSucceeded(), value)));

        Assert.IsNull(signal.Order);
        Assert.AreEqual(CorrelationRef.StripePaymentIntent(SucceededIntent), signal.References[0]);
        Assert.IsEmpty(signal.Links);
    }

    [TestMethod]
    public void Given_the_order_metadata_as_a_number_Then_it_is_routed_by_reference()
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        DataObject(stripeEvent)["metadata"] = new JsonObject { ["ordersync_order"] = 820982911946154508 };

        Assert.IsNull(Accepted(Normalize(stripeEvent)).Order);
    }

    [TestMethod]
    public void Given_an_expanded_latest_charge_Then_its_id_is_used()
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        DataObject(stripeEvent)["latest_charge"] = new JsonObject { ["id"] = "ch_expanded", ["object"] = "charge" };

        CollectionAssert.Contains(Accepted(Normalize(stripeEvent)).References.ToArray(), CorrelationRef.StripeCharge("ch_expanded"));
    }

    [TestMethod]
    public void Given_an_event_of_another_API_version_with_fields_unknown_today_Then_it_is_read_alike()
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent["api_version"] = "2099-01-01.future";
        DataObject(stripeEvent)["a_field_from_the_future"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        DataObject(stripeEvent).Remove("charges");
        DataObject(stripeEvent).Remove("payment_method_options");

        Assert.AreEqual(new Money(10.99m, "USD"), Payment(Accepted(Normalize(stripeEvent))).Amount);
    }

    // ---- payment_intent.payment_failed ----

    [TestMethod]
    public void Given_payment_intent_payment_failed_Then_it_reports_the_intended_amount_as_failed_routed_by_PaymentIntent()
    {
        var signal = Accepted(Normalize(StripeSamples.PaymentIntentPaymentFailed()));

        Assert.AreEqual(new PaymentReported(PaymentPlatform.Stripe, PaymentEvent.Failed, FailedIntent, new Money(10.99m, "USD"), Created), Payment(signal));
        Assert.AreEqual(CorrelationRef.StripePaymentIntent(FailedIntent), signal.References.Single());
    }

    // ---- charge.refunded ----

    [TestMethod]
    public void Given_a_fully_refunded_charge_Then_it_reports_refunded_with_the_amount_refunded()
    {
        var signal = Accepted(Normalize(StripeSamples.ChargeRefunded()));

        Assert.AreEqual(new PaymentReported(PaymentPlatform.Stripe, PaymentEvent.Refunded, FixtureCharge, new Money(1.00m, "USD"), Created), Payment(signal));
    }

    [TestMethod]
    public void Given_a_refunded_charge_without_a_PaymentIntent_Then_it_is_routed_by_the_charge_alone()
    {
        var signal = Accepted(Normalize(StripeSamples.ChargeRefunded()));

        Assert.AreEqual(CorrelationRef.StripeCharge(FixtureCharge), signal.References.Single());
    }

    [TestMethod]
    public void Given_a_refunded_charge_of_a_PaymentIntent_Then_it_is_routed_by_the_PaymentIntent_then_the_charge()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent)["payment_intent"] = "pi_of_the_charge";
        var signal = Accepted(Normalize(stripeEvent));

        CollectionAssert.AreEqual(
            new[] { CorrelationRef.StripePaymentIntent("pi_of_the_charge"), CorrelationRef.StripeCharge(FixtureCharge) },
            signal.References.ToArray());
        Assert.AreEqual("pi_of_the_charge", Payment(signal).Reference);
    }

    [TestMethod]
    public void Given_a_partial_refund_Then_it_reports_partially_refunded_with_the_amount_refunded_so_far()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent)["amount_refunded"] = 30;
        DataObject(stripeEvent)["refunded"] = false;

        var payment = Payment(Accepted(Normalize(stripeEvent)));

        Assert.AreEqual(PaymentEvent.PartiallyRefunded, payment.Event);
        Assert.AreEqual(new Money(0.30m, "USD"), payment.Amount);
    }

    [TestMethod]
    public void Given_refunded_true_on_a_partially_captured_charge_Then_it_is_a_full_refund()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent)["amount_refunded"] = 60;

        Assert.AreEqual(PaymentEvent.Refunded, Payment(Accepted(Normalize(stripeEvent))).Event);
    }

    [TestMethod]
    public void Given_a_refund_equal_to_the_amount_without_the_refunded_flag_Then_it_is_a_full_refund()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent).Remove("refunded");

        Assert.AreEqual(PaymentEvent.Refunded, Payment(Accepted(Normalize(stripeEvent))).Event);
    }

    [TestMethod]
    public void Given_order_metadata_on_the_charge_Then_it_goes_to_that_order_and_links_the_charge_and_its_PaymentIntent()
    {
        var stripeEvent = WithMetadata(StripeSamples.ChargeRefunded(), "merchant.myshopify.com/820982911946154508");
        DataObject(stripeEvent)["payment_intent"] = "pi_of_the_charge";
        var signal = Accepted(Normalize(stripeEvent));

        Assert.AreEqual(Order, signal.Order);
        CollectionAssert.AreEquivalent(
            new[]
            {
                new CorrelationLink(CorrelationRef.StripePaymentIntent("pi_of_the_charge"), Order),
                new CorrelationLink(CorrelationRef.StripeCharge(FixtureCharge), Order),
            },
            signal.Links.ToArray());
    }

    // ---- charge.dispute.created ----

    [TestMethod]
    public void Given_a_dispute_without_a_PaymentIntent_Then_it_reports_disputed_routed_by_its_charge()
    {
        var signal = Accepted(Normalize(StripeSamples.ChargeDisputeCreated()));

        Assert.AreEqual(new PaymentReported(PaymentPlatform.Stripe, PaymentEvent.Disputed, FixtureCharge, new Money(10.00m, "USD"), Created), Payment(signal));
        Assert.IsNull(signal.Order);
        Assert.AreEqual(CorrelationRef.StripeCharge(FixtureCharge), signal.References.Single());
    }

    [TestMethod]
    public void Given_a_dispute_with_a_PaymentIntent_Then_it_is_routed_by_the_PaymentIntent_then_the_charge()
    {
        var stripeEvent = Sample(StripeSamples.ChargeDisputeCreated());
        DataObject(stripeEvent)["payment_intent"] = "pi_disputed";

        CollectionAssert.AreEqual(
            new[] { CorrelationRef.StripePaymentIntent("pi_disputed"), CorrelationRef.StripeCharge(FixtureCharge) },
            Accepted(Normalize(stripeEvent)).References.ToArray());
    }

    [TestMethod]
    public void Given_a_dispute_with_its_charge_expanded_Then_the_charge_id_is_used()
    {
        var stripeEvent = Sample(StripeSamples.ChargeDisputeCreated());
        DataObject(stripeEvent)["charge"] = new JsonObject { ["id"] = FixtureCharge, ["object"] = "charge", ["amount"] = 1000 };

        Assert.AreEqual(CorrelationRef.StripeCharge(FixtureCharge), Accepted(Normalize(stripeEvent)).References.Single());
    }

    [TestMethod]
    public void Given_order_metadata_on_the_dispute_itself_Then_it_is_not_taken_as_the_order()
    {
        // The documented key lives on the PaymentIntent or the Charge; a dispute carries their ids, not their metadata.
        var signal = Accepted(Normalize(WithMetadata(StripeSamples.ChargeDisputeCreated(), "merchant.myshopify.com/820982911946154508")));

        Assert.IsNull(signal.Order);
        Assert.IsEmpty(signal.Links);
    }

    // ---- currencies ----

    [TestMethod]
    [DataRow("jpy", 1099L, "1099", "JPY", DisplayName = "zero-decimal JPY")]
    [DataRow("krw", 50000L, "50000", "KRW", DisplayName = "zero-decimal KRW")]
    [DataRow("kwd", 5120L, "5.120", "KWD", DisplayName = "three-decimal KWD")]
    [DataRow("eur", 1099L, "10.99", "EUR", DisplayName = "two-decimal EUR")]
    [DataRow("USD", 1099L, "10.99", "USD", DisplayName = "already upper case")]
    public void Given_an_amount_in_minor_units_Then_it_is_converted_with_the_currency_exponent(string currency, long minorUnits, string expected, string expectedCurrency)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        DataObject(stripeEvent)["currency"] = currency;
        DataObject(stripeEvent)["amount_received"] = minorUnits;

        Assert.AreEqual(new Money(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), expectedCurrency), Payment(Accepted(Normalize(stripeEvent))).Amount);
    }

    [TestMethod]
    public void Given_a_dispute_in_a_zero_decimal_currency_Then_its_amount_is_whole_units()
    {
        var stripeEvent = Sample(StripeSamples.ChargeDisputeCreated());
        DataObject(stripeEvent)["currency"] = "jpy";

        Assert.AreEqual(new Money(1000m, "JPY"), Payment(Accepted(Normalize(stripeEvent))).Amount);
    }

    // ---- ignored ----

    [TestMethod]
    public void Given_the_signature_vector_a_customer_created_event_Then_it_is_ignored_naming_its_type()
    {
        var ignored = Normalize(StripeSamples.VectorBody()) as WebhookParse.Ignored;

        Assert.IsNotNull(ignored);
        Assert.Contains("customer.created", ignored.Reason);
    }

    [TestMethod]
    [DataRow("payment_intent.created")]
    [DataRow("charge.succeeded")]
    [DataRow("charge.dispute.closed")]
    [DataRow("PAYMENT_INTENT.SUCCEEDED")]
    public void Given_an_event_type_OrderSync_does_not_use_Then_it_is_ignored(string type)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent["type"] = type;

        Assert.IsInstanceOfType<WebhookParse.Ignored>(Normalize(stripeEvent));
    }

    // ---- malformed ----

    [TestMethod]
    [DataRow("", DisplayName = "empty body")]
    [DataRow("not json", DisplayName = "not JSON")]
    [DataRow("{\"id\": \"evt_1\",", DisplayName = "truncated JSON")]
    [DataRow("[]", DisplayName = "an array")]
    [DataRow("\"evt_1\"", DisplayName = "a string")]
    [DataRow("null", DisplayName = "null")]
    public void Given_a_body_that_is_not_a_JSON_object_Then_it_is_malformed(string body) =>
        AssertMalformed(Normalize(Encoding.UTF8.GetBytes(body)), "not a JSON object");

    [TestMethod]
    public void Given_a_body_that_is_not_UTF8_Then_it_is_malformed() =>
        AssertMalformed(Normalize([0x7B, 0xFF, 0xFE, 0x7D]), "not a JSON object");

    [TestMethod]
    [DataRow(null, DisplayName = "absent")]
    [DataRow("null", DisplayName = "null")]
    [DataRow("42", DisplayName = "a number")]
    [DataRow("\"\"", DisplayName = "empty")]
    [DataRow("{\"id\": \"evt_1\"}", DisplayName = "an object")]
    public void Given_an_event_without_a_string_id_Then_it_is_malformed(string? idJson)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent.Remove("id");
        if (idJson is not null) stripeEvent["id"] = JsonNode.Parse(idJson);

        AssertMalformed(Normalize(stripeEvent), "no id");
    }

    [TestMethod]
    public void Given_an_event_without_a_type_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent.Remove("type");

        AssertMalformed(Normalize(stripeEvent), "no type");
    }

    [TestMethod]
    [DataRow(null, DisplayName = "absent")]
    [DataRow("\"1234567890\"", DisplayName = "a string")]
    [DataRow("1234567890.5", DisplayName = "a fraction")]
    [DataRow("999999999999", DisplayName = "after year 9999")]
    [DataRow("\"2026-11-23T10:00:00Z\"", DisplayName = "an ISO date (v2 events' form)")]
    public void Given_an_event_without_a_valid_created_time_Then_it_is_malformed(string? createdJson)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent.Remove("created");
        if (createdJson is not null) stripeEvent["created"] = JsonNode.Parse(createdJson);

        AssertMalformed(Normalize(stripeEvent), "created");
    }

    [TestMethod]
    public void Given_an_event_without_data_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        stripeEvent.Remove("data");

        AssertMalformed(Normalize(stripeEvent), "data.object");
    }

    [TestMethod]
    [DataRow(null, DisplayName = "absent")]
    [DataRow("pi_123", DisplayName = "an id, not an object")]
    public void Given_an_event_without_a_data_object_Then_it_is_malformed(string? dataObject)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        stripeEvent["data"] = dataObject is null ? new JsonObject() : new JsonObject { ["object"] = dataObject };

        AssertMalformed(Normalize(stripeEvent), "data.object");
    }

    [TestMethod]
    public void Given_a_PaymentIntent_without_an_id_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        DataObject(stripeEvent).Remove("id");

        AssertMalformed(Normalize(stripeEvent), "PaymentIntent has no id");
    }

    [TestMethod]
    [DataRow("\"1099\"", DisplayName = "amount as text")]
    [DataRow("10.99", DisplayName = "amount as a fraction")]
    [DataRow("-1099", DisplayName = "negative amount")]
    [DataRow("null", DisplayName = "null amount")]
    [DataRow("99999999999999999999", DisplayName = "beyond 64 bits")]
    public void Given_an_amount_that_is_not_a_non_negative_integer_Then_it_is_malformed(string amountJson)
    {
        var stripeEvent = Sample(StripeSamples.PaymentIntentSucceeded());
        DataObject(stripeEvent)["amount_received"] = JsonNode.Parse(amountJson);

        AssertMalformed(Normalize(stripeEvent), "amount_received");
    }

    [TestMethod]
    [DataRow(null, DisplayName = "absent")]
    [DataRow("us", DisplayName = "two letters")]
    [DataRow("usd1", DisplayName = "four characters")]
    [DataRow("12$", DisplayName = "not letters")]
    public void Given_a_currency_that_is_not_a_three_letter_code_Then_it_is_malformed(string? currency)
    {
        var stripeEvent = Sample(StripeSamples.ChargeDisputeCreated());
        DataObject(stripeEvent).Remove("currency");
        if (currency is not null) DataObject(stripeEvent)["currency"] = currency;

        AssertMalformed(Normalize(stripeEvent), "currency");
    }

    [TestMethod]
    public void Given_a_refunded_charge_without_amount_refunded_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent).Remove("amount_refunded");

        AssertMalformed(Normalize(stripeEvent), "amount_refunded");
    }

    [TestMethod]
    public void Given_a_refunded_charge_without_its_amount_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent)["amount"] = "100";

        AssertMalformed(Normalize(stripeEvent), "has no integer amount");
    }

    [TestMethod]
    public void Given_a_refunded_charge_without_an_id_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent)["id"] = null;

        AssertMalformed(Normalize(stripeEvent), "charge has no id");
    }

    [TestMethod]
    public void Given_a_dispute_naming_neither_charge_nor_PaymentIntent_Then_it_is_malformed()
    {
        var stripeEvent = Sample(StripeSamples.ChargeDisputeCreated());
        DataObject(stripeEvent)["charge"] = null;

        AssertMalformed(Normalize(stripeEvent), "names no order, PaymentIntent or charge");
    }

    [TestMethod]
    public void Every_malformed_reason_names_the_event_and_its_type_once_they_are_known()
    {
        var stripeEvent = Sample(StripeSamples.ChargeRefunded());
        DataObject(stripeEvent).Remove("currency");

        var malformed = (WebhookParse.Malformed)Normalize(stripeEvent);

        Assert.Contains(StripeSamples.EventId, malformed.Reason);
        Assert.Contains("charge.refunded", malformed.Reason);
    }
}
