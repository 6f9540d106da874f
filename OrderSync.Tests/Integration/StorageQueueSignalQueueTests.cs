using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>The signal queue adapter on a real Azurite queue.</summary>
[TestClass]
public sealed class StorageQueueSignalQueueTests
{
    private StorageQueueSignalQueue _queue = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _queue = new StorageQueueSignalQueue(TestStorage.Wrap(await TestStorage.IsolatedAsync()));
        await _queue.EnsureCreatedAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task A_signal_goes_through_the_queue_intact()
    {
        var order = OrderBuilder.AnOrder().WithLine("SKU-<&>\"'", 3, 12.34m).Build();
        var sent = new SignalEnvelope("shopify:abc", order.Key, new OrderPlaced(order),
            new SignalOrigin("shopify", "orders/create", "event-1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

        await _queue.EnqueueAsync(sent);
        var received = (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Single();

        Assert.IsNull(received.ReadError);
        Assert.AreEqual(sent.Id, received.Envelope!.Id);
        Assert.AreEqual(sent.Order, received.Envelope.Order);
        var placed = (OrderPlaced)received.Envelope.Signal;
        Assert.AreEqual("SKU-<&>\"'", placed.Order.Lines.Single().Sku);
        Assert.AreEqual(12.34m, placed.Order.Lines.Single().UnitPrice);
        Assert.AreEqual(1, received.DequeueCount);
    }

    [TestMethod]
    public async Task A_completed_message_is_gone_and_a_released_one_comes_back()
    {
        await _queue.EnqueueAsync(WakeUp("1"));
        await _queue.EnqueueAsync(WakeUp("2"));
        var taken = await _queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.AreEqual(2, taken.Count);

        await _queue.CompleteAsync(taken.Single(m => m.Envelope!.Order.OrderId == "1"), CancellationToken.None);
        await _queue.ReleaseAsync(taken.Single(m => m.Envelope!.Order.OrderId == "2"), TimeSpan.Zero, CancellationToken.None);

        var again = await _queue.ReceiveAsync(32, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.AreEqual("2", again.Single().Envelope!.Order.OrderId);
        Assert.AreEqual(2, again.Single().DequeueCount);
    }

    [TestMethod]
    public async Task A_delayed_signal_stays_hidden_until_its_time()
    {
        await _queue.EnqueueAsync(WakeUp("1"), TimeSpan.FromSeconds(2));

        Assert.AreEqual(0, (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Count);
        var later = await Eventually.GetAsync(() => _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None),
            m => m.Count > 0, "the delayed signal", TimeSpan.FromSeconds(30));
        Assert.AreEqual("1", later.Single().Envelope!.Order.OrderId);
    }

    [TestMethod]
    public async Task A_poisoned_message_leaves_the_queue_and_is_kept_with_its_error()
    {
        await _queue.EnqueueAsync(WakeUp("7"));
        var taken = (await _queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), CancellationToken.None)).Single();

        await _queue.MoveToPoisonAsync(taken, "broken on purpose", CancellationToken.None);

        Assert.AreEqual(0, (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(1), CancellationToken.None)).Count);
        var poisoned = (await _queue.PeekPoisonAsync(CancellationToken.None)).Single();
        Assert.AreEqual("broken on purpose", poisoned.Error);
        StringAssert.Contains(poisoned.Body, "\"orderId\":\"7\"");
    }

    [TestMethod]
    public async Task Poisoned_messages_are_listed_with_their_order_when_readable_and_never_with_their_body()
    {
        await _queue.EnqueueAsync(WakeUp("8"));
        await _queue.EnqueueAsync(WakeUp("9"));
        var taken = await _queue.ReceiveAsync(2, TimeSpan.FromMinutes(5), CancellationToken.None);
        var readable = taken.Single(m => m.Envelope!.Order.OrderId == "8");
        var other = taken.Single(m => m.Envelope!.Order.OrderId == "9");
        await _queue.MoveToPoisonAsync(readable, "InvalidOperationException: broken", CancellationToken.None);
        await _queue.MoveToPoisonAsync(other with { Body = "{ not a signal: Jane Doe, 1 Secret Lane", Envelope = null }, "unreadable signal", CancellationToken.None);

        var listed = await ((IPoisonedSignals)_queue).ListAsync(500, CancellationToken.None);

        Assert.HasCount(2, listed);
        var first = listed.Single(p => p.SignalId is not null);
        Assert.AreEqual(("wake:8", new OrderKey("shop.myshopify.com", "8"), "WakeUp", 1L, "InvalidOperationException: broken"),
            (first.SignalId, first.Order, first.Kind, first.Deliveries, first.Error));
        Assert.IsNotNull(first.PoisonedAt);
        var unreadable = listed.Single(p => p.SignalId is null);
        Assert.AreEqual((null, null, "unreadable signal"), (unreadable.Order, unreadable.Kind, unreadable.Error));
        Assert.DoesNotContain("Secret Lane", OrderSyncJson.Serialize(listed), "the list never carries a message's body");
    }

    private static SignalEnvelope WakeUp(string orderId) =>
        new($"wake:{orderId}", new OrderKey("shop.myshopify.com", orderId), new WakeUp(),
            new SignalOrigin("ordersync", "wake-up", null, null, DateTimeOffset.UnixEpoch));
}
