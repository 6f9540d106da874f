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
    public async Task One_orders_messages_run_one_after_another_in_the_order_taken_even_from_later_batches()
    {
        var lanes = new OrderLanes();
        var gate = new TaskCompletionSource();
        var ran = new List<string>();

        var a = lanes.Enqueue(Message("a", First), async m => { await gate.Task; Ran(ran, m); });
        var c = lanes.Enqueue(Message("c", First), m => { Ran(ran, m); return Task.CompletedTask; }); // a later batch's
        await Task.Delay(50);

        Assert.IsEmpty(ran, "c ran while a, of the same order, was still in hand");
        Assert.AreEqual(1, lanes.Count);
        gate.SetResult();
        await Task.WhenAll(a, c);
        CollectionAssert.AreEqual(new[] { "a", "c" }, ran);
    }

    [TestMethod]
    public async Task Another_orders_message_does_not_wait_behind_a_slow_one()
    {
        var lanes = new OrderLanes();
        var gate = new TaskCompletionSource();

        var slow = lanes.Enqueue(Message("a", First), _ => gate.Task);
        var other = lanes.Enqueue(Message("b", Second), _ => Task.CompletedTask);

        await other.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsFalse(slow.IsCompleted);
        gate.SetResult();
        await slow;
        Assert.AreEqual(0, lanes.Count, "a lane is forgotten once its messages are done");
    }

    [TestMethod]
    public async Task A_message_that_fails_does_not_stop_its_orders_next_one()
    {
        var lanes = new OrderLanes();
        var ran = new List<string>();

        var failed = lanes.Enqueue(Message("a", First), _ => throw new InvalidOperationException("boom"));
        var next = lanes.Enqueue(Message("c", First), m => { Ran(ran, m); return Task.CompletedTask; });

        await Task.WhenAll(failed, next);
        CollectionAssert.AreEqual(new[] { "c" }, ran);
    }

    [TestMethod]
    public async Task Each_unreadable_message_is_a_lane_of_its_own()
    {
        var lanes = new OrderLanes();
        var gate = new TaskCompletionSource();

        var x = lanes.Enqueue(Unreadable("x"), _ => gate.Task);
        var y = lanes.Enqueue(Unreadable("y"), _ => Task.CompletedTask);

        await y.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsFalse(x.IsCompleted, "an unreadable message waited behind another");
        gate.SetResult();
        await x;
    }

    private static void Ran(List<string> ran, ReceivedSignal message)
    {
        lock (ran) ran.Add(message.MessageId);
    }

    private static ReceivedSignal Message(string id, OrderKey order)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = new SignalEnvelope(id, order, new WakeUp(), new SignalOrigin("test", id, id, now, now));
        return new ReceivedSignal(id, "receipt", 1, "{}", envelope, null);
    }

    private static ReceivedSignal Unreadable(string id) => new(id, "receipt", 1, "not json", null, "unreadable");
}
