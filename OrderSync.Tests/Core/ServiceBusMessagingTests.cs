using System.ComponentModel.DataAnnotations;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;

namespace OrderSync.Tests.Core;

/// <summary>What the Azure shell's Service Bus sender relies on from Core: message ids within Service Bus's limit, and the queue setting.</summary>
[TestClass]
public sealed class ServiceBusMessagingTests
{
    [TestMethod]
    public void A_signal_id_that_fits_is_the_message_id_itself()
    {
        var envelope = Envelope("shopify:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");

        Assert.AreEqual("shopify:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", QueueMessageIds.For(envelope));
    }

    [TestMethod]
    public void A_longer_signal_id_becomes_a_digest_that_fits_is_the_same_each_time_and_differs_from_another_ids()
    {
        var longId = "tracking-poll:vendor-a:" + new string('x', 200);
        var otherId = "tracking-poll:vendor-a:" + new string('y', 200);

        var id = QueueMessageIds.For(Envelope(longId));

        Assert.IsLessThanOrEqualTo(QueueMessageIds.MaxLength, id.Length);
        Assert.AreEqual(id, QueueMessageIds.For(Envelope(longId)), "a redelivered signal keeps its message id, so duplicate detection sees it");
        Assert.AreNotEqual(id, QueueMessageIds.For(Envelope(otherId)));
    }

    [TestMethod]
    [DataRow("order-signals", true)]
    [DataRow("orders/signals", false)]
    [DataRow("-order-signals", false)]
    public void The_queue_name_is_checked_against_Service_Bus_naming(string name, bool valid)
    {
        var errors = new List<ValidationResult>();
        var options = new ServiceBusOptions { QueueName = name };

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        Assert.AreEqual(valid, ok, string.Join(" | ", errors.Select(e => e.ErrorMessage)));
        if (!valid) StringAssert.Contains(errors.Single().ErrorMessage, "OrderSync:ServiceBus:QueueName");
    }

    private static SignalEnvelope Envelope(string id) =>
        new(id, Key, new WakeUp(), new SignalOrigin("shopify", null, id, LifecycleSpec.Start, LifecycleSpec.Start));
}
