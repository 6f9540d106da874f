using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks;

/// <summary>
/// The platforms' official samples added for the events that had none in its own words (see samples/*/README.md for
/// where each came from), read by OrderSync's normalizer for that source into the signal OrderSync expects.
/// </summary>
[TestClass]
public sealed class OfficialSampleTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void PayPals_own_dispute_example_is_a_dispute_of_its_capture_for_the_disputed_amount()
    {
        var parse = PayPalEventNormalizer.Normalize(PayPalSamples.DisputeCreatedPayPalExample(), ReceivedAt);

        Assert.IsInstanceOfType<WebhookParse.Accepted>(parse, parse.ToString());
        var delivery = (WebhookParse.Accepted)parse;
        Assert.AreEqual("WH-4M0448861G563140B-9EX36365822141321", delivery.DeliveryId);
        var signal = delivery.Signals.Single();
        Assert.AreEqual("paypal:WH-4M0448861G563140B-9EX36365822141321", signal.Id);
        Assert.IsNull(signal.Order, "a dispute names no OrderSync order: it is routed by its capture");
        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("00D10444LD479031K") }, signal.References.ToArray());
        Assert.AreEqual(new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Disputed, "00D10444LD479031K", new Money(3.00m, "USD"),
            new DateTimeOffset(2018, 6, 21, 13, 36, 33, TimeSpan.Zero)), signal.Signal);
        Assert.AreEqual(PayPalEventNormalizer.DisputeCreated, signal.Origin.Topic);
    }
}
