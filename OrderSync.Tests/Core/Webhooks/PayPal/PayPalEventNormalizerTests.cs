using System.Text;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>PayPal's sample events (samples/paypal) read into payment signals, routed by order key or by reference.</summary>
[TestClass]
public sealed class PayPalEventNormalizerTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static WebhookParse.Accepted Accepted(byte[] body)
    {
        var parse = PayPalEventNormalizer.Normalize(body, ReceivedAt);
        return parse as WebhookParse.Accepted ?? throw new AssertFailedException($"expected Accepted, got {parse}");
    }

    private static PaymentReported Payment(InboundSignal signal) => (PaymentReported)signal.Signal;

    [TestMethod]
    public void A_completed_capture_without_an_order_key_is_routed_by_the_capture_then_the_PayPal_order()
    {
        var delivery = Accepted(PayPalSamples.CaptureCompleted());

        Assert.AreEqual("WH-7Y7254563A4550640-11V2185806837105M", delivery.DeliveryId);
        var signal = delivery.Signals.Single();
        Assert.AreEqual("paypal:WH-7Y7254563A4550640-11V2185806837105M", signal.Id);
        Assert.IsNull(signal.Order, "the sample's custom_id is a UUID, not an order key");
        CollectionAssert.AreEqual(
            new[] { CorrelationRef.PayPalCapture("42311647XV020574X"), CorrelationRef.PayPalOrder("8U481631H66031715") },
            signal.References.ToArray());
        Assert.AreEqual(0, signal.Links.Count);
        Assert.AreEqual(new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Captured, "42311647XV020574X", new Money(57.00m, "USD"),
            new DateTimeOffset(2015, 2, 17, 18, 51, 33, TimeSpan.Zero)), Payment(signal));
    }

    [TestMethod]
    public void The_origin_names_the_source_event_type_event_id_and_times()
    {
        var signal = Accepted(PayPalSamples.CaptureCompleted()).Signals.Single();

        Assert.AreEqual(new SignalOrigin("paypal", "PAYMENT.CAPTURE.COMPLETED", "WH-7Y7254563A4550640-11V2185806837105M",
            new DateTimeOffset(2015, 2, 17, 18, 51, 33, TimeSpan.Zero), ReceivedAt), signal.Origin);
    }

    [TestMethod]
    public void A_capture_whose_custom_id_is_an_order_key_names_its_order_and_links_the_capture_and_PayPal_order()
    {
        var signal = Accepted(PayPalSamples.CaptureCompletedWithOrderKey()).Signals.Single();
        var order = new OrderKey("merchant.myshopify.com", "1001");

        Assert.AreEqual(order, signal.Order);
        Assert.AreEqual(0, signal.References.Count);
        CollectionAssert.AreEqual(
            new[] { new CorrelationLink(CorrelationRef.PayPalCapture("42311647XV020574X"), order), new CorrelationLink(CorrelationRef.PayPalOrder("8U481631H66031715"), order) },
            signal.Links.ToArray());
        Assert.AreEqual(PaymentEvent.Captured, Payment(signal).Event);
    }

    [TestMethod]
    [DataRow("merchant.myshopify.com/not-a-number")]
    [DataRow("/1001")]
    [DataRow("merchant.myshopify.com/")]
    [DataRow("1001")]
    [DataRow("bad shop!/1001")]
    public void A_custom_id_that_is_not_an_order_key_routes_by_reference(string customId)
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(PayPalSamples.CaptureCompleted())
            .Replace("d93e4fce-d3af-137c-82fe-1a8101f1ad11", customId, StringComparison.Ordinal));

        var signal = Accepted(body).Signals.Single();

        Assert.IsNull(signal.Order);
        Assert.AreEqual(CorrelationRef.PayPalCapture("42311647XV020574X"), signal.References[0]);
    }

    [TestMethod]
    public void A_refund_is_reported_against_the_capture_named_in_its_up_link()
    {
        var signal = Accepted(PayPalSamples.CaptureRefunded()).Signals.Single();

        Assert.AreEqual("paypal:WH-1GE84257G0350133W-6RW800890C634293G", signal.Id);
        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("0JF852973C016714D") }, signal.References.ToArray(),
            "the refund's own id (1Y107995YT783435V) is not the capture");
        Assert.AreEqual(new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Refunded, "0JF852973C016714D", new Money(0.99m, "USD"),
            new DateTimeOffset(2018, 8, 15, 19, 14, 4, 543, TimeSpan.Zero)), Payment(signal));
    }

    [TestMethod]
    public void A_reversal_is_a_refund_resource_reported_against_its_capture()
    {
        var signal = Accepted(PayPalSamples.CaptureReversed()).Signals.Single();

        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("4L335234718889942") }, signal.References.ToArray());
        Assert.AreEqual(PaymentEvent.Reversed, Payment(signal).Event);
        Assert.AreEqual("4L335234718889942", Payment(signal).Reference);
        Assert.AreEqual(new Money(2.51m, "USD"), Payment(signal).Amount);
    }

    [TestMethod]
    public void A_dispute_is_reported_against_the_disputed_capture()
    {
        var delivery = Accepted(PayPalSamples.DisputeCreated());

        var signal = delivery.Signals.Single();
        Assert.AreEqual("paypal:WH-4M0448861G563140B-9EX36365822141321", signal.Id);
        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("6T496768GW863311H") }, signal.References.ToArray());
        Assert.AreEqual(new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Disputed, "6T496768GW863311H", new Money(3.00m, "USD"),
            new DateTimeOffset(2018, 6, 21, 13, 36, 33, TimeSpan.Zero)), Payment(signal));
    }

    [TestMethod]
    public void A_dispute_over_two_captures_gives_one_signal_per_capture_with_distinct_ids()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(PayPalSamples.DisputeCreated()).Replace(
            "\"disputed_transactions\": [{\"seller_transaction_id\": \"6T496768GW863311H\"",
            "\"disputed_transactions\": [{\"seller_transaction_id\": \"CAPTURE2\"}, {\"seller_transaction_id\": \"6T496768GW863311H\"", StringComparison.Ordinal));

        var signals = Accepted(body).Signals;

        CollectionAssert.AreEqual(new[] { "CAPTURE2", "6T496768GW863311H" }, signals.Select(s => Payment(s).Reference).ToArray());
        Assert.AreEqual(2, signals.Select(s => s.Id).Distinct().Count());
        Assert.IsTrue(signals.All(s => s.Id.StartsWith("paypal:WH-4M0448861G563140B-9EX36365822141321:", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("PAYMENTS.PAYMENT.CREATED", DisplayName = "the Java SDK vector's v1 event")]
    [DataRow("PAYMENT.CAPTURE.PENDING")]
    [DataRow("CHECKOUT.ORDER.APPROVED")]
    [DataRow("CUSTOMER.DISPUTE.RESOLVED")]
    public void Other_event_types_are_ignored(string eventType)
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"WH-1\",\"event_type\":\"" + eventType + "\",\"resource\":{}}");
        var parse = PayPalEventNormalizer.Normalize(body, ReceivedAt);

        Assert.IsInstanceOfType<WebhookParse.Ignored>(parse);
        StringAssert.Contains(((WebhookParse.Ignored)parse).Reason, eventType);
    }

    [TestMethod]
    public void The_official_vector_event_is_ignored() =>
        Assert.IsInstanceOfType<WebhookParse.Ignored>(PayPalEventNormalizer.Normalize(PayPalSamples.VectorEvent(), ReceivedAt));

    [TestMethod]
    [DataRow("", "not JSON", DisplayName = "empty body")]
    [DataRow("{\"id\":", "not JSON", DisplayName = "cut short")]
    [DataRow("[1,2]", "not a JSON object", DisplayName = "an array")]
    [DataRow("{\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\"}}", "no id", DisplayName = "no event id")]
    [DataRow("{\"id\":7,\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\"}}", "no id", DisplayName = "numeric event id")]
    [DataRow("{\"id\":\"WH-1\",\"resource\":{\"id\":\"C1\"}}", "no event_type", DisplayName = "no event type")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}", "no resource", DisplayName = "no resource")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":\"C1\"}", "no resource", DisplayName = "resource not an object")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{}}", "capture has no id", DisplayName = "capture without id")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"lots\"}}}", "amount.value", DisplayName = "amount not a number")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\",\"amount\":{\"currency_code\":\"US\",\"value\":\"1.00\"}}}", "currency_code", DisplayName = "bad currency")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{\"id\":\"C1\",\"amount\":{\"currency_code\":\"USD\",\"value\":12.5}}}", "amount.value", DisplayName = "amount as a number, not text")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"resource\":{\"id\":\"R1\",\"links\":[{\"rel\":\"self\",\"href\":\"https://api.paypal.com/v2/payments/refunds/R1\"}]}}", "names no capture", DisplayName = "refund without up link")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"resource\":{\"id\":\"R1\",\"links\":[{\"rel\":\"up\",\"href\":\"https://api.paypal.com/v2/checkout/orders/O1\"}]}}", "names no capture", DisplayName = "refund whose up link is not a capture")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.REVERSED\",\"resource\":{\"id\":\"R1\",\"links\":[{\"rel\":\"up\",\"href\":\"not a url\"}]}}", "names no capture", DisplayName = "reversal with a broken up link")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"CUSTOMER.DISPUTE.CREATED\",\"resource\":{\"disputed_transactions\":[]}}", "seller_transaction_id", DisplayName = "dispute without transactions")]
    [DataRow("{\"id\":\"WH-1\",\"event_type\":\"CUSTOMER.DISPUTE.CREATED\",\"resource\":{\"disputed_transactions\":[{\"seller_transaction_id\":5}]}}", "seller_transaction_id", DisplayName = "dispute with a numeric transaction id")]
    public void Bad_bodies_are_malformed_with_a_reason_and_never_throw(string body, string reason)
    {
        var parse = PayPalEventNormalizer.Normalize(Encoding.UTF8.GetBytes(body), ReceivedAt);

        Assert.IsInstanceOfType<WebhookParse.Malformed>(parse);
        StringAssert.Contains(((WebhookParse.Malformed)parse).Reason, reason);
    }

    [TestMethod]
    public void A_capture_without_an_amount_is_reported_without_one()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"C1"}}""");
        var signal = Accepted(body).Signals.Single();

        Assert.IsNull(Payment(signal).Amount);
        Assert.AreEqual(ReceivedAt, Payment(signal).At, "no create_time: the time of receipt");
    }

    [TestMethod]
    public void The_source_parses_with_the_normalizer()
    {
        var source = new PayPalWebhookSource(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<PayPalWebhookSource>.Instance);
        Assert.AreEqual("paypal", source.Name);
        var expected = Accepted(PayPalSamples.CaptureRefunded()).Signals.Single();
        var parsed = ((WebhookParse.Accepted)source.Parse(null, new WebhookHeaders([]), PayPalSamples.CaptureRefunded(), ReceivedAt)).Signals.Single();
        Assert.AreEqual(expected.Id, parsed.Id);
        Assert.AreEqual(expected.Signal, parsed.Signal);
    }
}
