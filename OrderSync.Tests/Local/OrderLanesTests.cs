using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Local.Worker;

namespace OrderSync.Tests.Local;

[TestClass]
public sealed class OrderLanesTests
{
    private static readonly OrderKey First = new("merchant.myshopify.com", "1");
    private static readonly OrderKey Second = new("merchant.myshopify.com", "2");

    [TestMethod]
    public void One_orders_signals_share_a_lane_in_the_order_the_queue_gave_them()
    {
        var batch = new[] { Message("a", First), Message("b", Second), Message("c", First), Message("d", First) };

        var lanes = OrderLanes.Of(batch);

        Assert.HasCount(2, lanes);
        CollectionAssert.AreEqual(new[] { "a", "c", "d" }, lanes[0].Select(m => m.MessageId).ToArray());
        CollectionAssert.AreEqual(new[] { "b" }, lanes[1].Select(m => m.MessageId).ToArray());
    }

    [TestMethod]
    public void Each_unreadable_message_is_a_lane_of_its_own()
    {
        var batch = new[] { Unreadable("x"), Message("a", First), Unreadable("y") };

        var lanes = OrderLanes.Of(batch);

        Assert.HasCount(3, lanes);
        Assert.IsTrue(lanes.All(lane => lane.Count == 1), "an unreadable message waited behind another");
    }

    private static ReceivedSignal Message(string id, OrderKey order)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = new SignalEnvelope(id, order, new WakeUp(), new SignalOrigin("test", id, id, now, now));
        return new ReceivedSignal(id, "receipt", 1, "{}", envelope, null);
    }

    private static ReceivedSignal Unreadable(string id) => new(id, "receipt", 1, "not json", null, "unreadable");
}
