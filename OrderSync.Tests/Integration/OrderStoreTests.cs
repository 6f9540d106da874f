using Azure.Data.Tables;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>The order store on a real Azurite: one ETag-guarded write of record + timeline.</summary>
[TestClass]
public sealed class OrderStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private OrderStore _store = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        var options = await TestStorage.IsolatedAsync();
        _store = new OrderStore(new TableServiceClient(options.ConnectionString), TestStorage.Wrap(options));
        await _store.EnsureCreatedAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task An_unknown_order_loads_as_new_without_a_version()
    {
        var loaded = await _store.LoadAsync(new OrderKey("shop.myshopify.com", "1"), CancellationToken.None);

        Assert.IsNull(loaded.ETag);
        Assert.IsNull(loaded.Record.State.Order);
        Assert.IsNull(await _store.ViewAsync(new OrderKey("shop.myshopify.com", "1"), CancellationToken.None));
    }

    [TestMethod]
    public async Task A_saved_decision_loads_back_with_its_outbox_and_timeline()
    {
        var order = OrderBuilder.AnOrder().WithLine("SKU-A", 2).Build();
        var decision = Place(order);
        var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);

        await _store.SaveAsync(fresh, fresh.Record.Apply(decision, "signal-1"),
            [new TimelineEntry(Now, "signal", "placed"), new TimelineEntry(Now, "command", "push")], CancellationToken.None);

        var loaded = await _store.LoadAsync(order.Key, CancellationToken.None);
        Assert.IsNotNull(loaded.ETag);
        Assert.AreEqual(order.Name, loaded.Record.State.Order!.Name);
        Assert.AreEqual(decision.Commands.Single().Id, loaded.Record.Outbox.Single().Command.Id);
        Assert.IsTrue(loaded.Record.HasApplied("signal-1"));
        var view = await _store.ViewAsync(order.Key, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "placed", "push" }, view!.Timeline.Select(t => t.Summary).ToArray());
        Assert.AreEqual(OrderStatus.Pushing, view.Status);
    }

    [TestMethod]
    public async Task A_command_once_claimed_is_remembered_as_possibly_run_after_its_claim_is_given_back_and_settled()
    {
        var order = OrderBuilder.AnOrder().WithLine("SKU-A", 1).Build();
        var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);
        var placed = fresh.Record.Apply(Place(order), "signal-1");
        var command = placed.Outbox.Single().Command.Id;
        Assert.IsFalse(placed.MayHaveRun(command), "never claimed: a first run");

        var claimed = await _store.SaveAsync(fresh, placed.Claim(command, Now.AddMinutes(1)), [], CancellationToken.None);
        var released = await _store.SaveAsync(claimed, claimed.Record.Release(command).Settle(command), [], CancellationToken.None);

        var loaded = await _store.LoadAsync(order.Key, CancellationToken.None);
        Assert.IsTrue(loaded.Record.MayHaveRun(command));
        Assert.IsFalse(loaded.Record.MayHaveRun("another"));
        Assert.AreEqual(1, loaded.Record.Claim(command, Now.AddMinutes(2)).ClaimedCommands.Length, "a renewed claim is remembered once");
        Assert.IsNotNull(released.ETag);
    }

    [TestMethod]
    public async Task Two_writers_from_the_same_version_conflict_and_the_second_write_is_refused()
    {
        var order = OrderBuilder.AnOrder().Build();
        var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);
        var saved = await _store.SaveAsync(fresh, fresh.Record.Apply(Place(order), "s1"), [], CancellationToken.None);

        var first = await _store.LoadAsync(order.Key, CancellationToken.None);
        var second = await _store.LoadAsync(order.Key, CancellationToken.None);
        await _store.SaveAsync(first, first.Record with { WakeScheduledFor = Now }, [new TimelineEntry(Now, "note", "first")], CancellationToken.None);

        await Assert.ThrowsExactlyAsync<OrderConcurrencyException>(() =>
            _store.SaveAsync(second, second.Record with { WakeScheduledFor = Now.AddHours(1) }, [new TimelineEntry(Now, "note", "second")], CancellationToken.None));
        var view = await _store.ViewAsync(order.Key, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "first" }, view!.Timeline.Select(t => t.Summary).ToArray(), "the refused write added no timeline row");
        Assert.AreEqual(Now, (await _store.LoadAsync(order.Key, CancellationToken.None)).Record.WakeScheduledFor);
        Assert.IsNotNull(saved.ETag);
    }

    [TestMethod]
    public async Task Two_creators_of_the_same_new_order_conflict()
    {
        var order = OrderBuilder.AnOrder().Build();
        var a = await _store.LoadAsync(order.Key, CancellationToken.None);
        var b = await _store.LoadAsync(order.Key, CancellationToken.None);
        await _store.SaveAsync(a, a.Record.Apply(Place(order), "a"), [], CancellationToken.None);

        await Assert.ThrowsExactlyAsync<OrderConcurrencyException>(() =>
            _store.SaveAsync(b, b.Record.Apply(Place(order), "b"), [], CancellationToken.None));
    }

    [TestMethod]
    public async Task The_version_returned_by_a_save_is_the_one_to_save_over_next()
    {
        var order = OrderBuilder.AnOrder().Build();
        var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);
        var saved = await _store.SaveAsync(fresh, fresh.Record.Apply(Place(order), "a"), [], CancellationToken.None);

        var again = await _store.SaveAsync(saved, saved.Record with { WakeScheduledFor = Now }, [new TimelineEntry(Now, "note", "n")], CancellationToken.None);

        Assert.AreEqual((await _store.LoadAsync(order.Key, CancellationToken.None)).ETag, again.ETag);
        Assert.AreEqual(1, again.Record.TimelineLength);
    }

    [TestMethod]
    public async Task An_order_larger_than_one_table_property_is_stored_whole()
    {
        var builder = OrderBuilder.AnOrder();
        for (var i = 0; i < 600; i++) builder.WithLine($"SKU-{i:D4}", title: new string('x', 120));
        var order = builder.Build();
        var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);

        await _store.SaveAsync(fresh, fresh.Record.Apply(Place(order), "s"), [], CancellationToken.None);

        var loaded = await _store.LoadAsync(order.Key, CancellationToken.None);
        Assert.AreEqual(600, loaded.Record.State.Order!.Lines.Length);
        Assert.AreEqual("SKU-0599", loaded.Record.State.Order.Lines[^1].Sku);
    }

    [TestMethod]
    public async Task Orders_are_listed_by_status_with_the_reasons_an_operator_acts_on()
    {
        var pushing = OrderBuilder.AnOrder().WithId("2001").WithLine("SKU-A").Build();
        var held = OrderBuilder.AnOrder().WithId("2002").WithLine("SKU-A").WithPayment(PaymentStatus.Pending).Build();
        var paidOnly = new SyncSettings { PushUnmappedProducts = true, DefaultVendorId = "vendor-a", PushOnlyIfPaid = true };
        foreach (var (order, settings) in new[] { (pushing, paidOnly), (held, paidOnly) })
        {
            var fresh = await _store.LoadAsync(order.Key, CancellationToken.None);
            var decision = OrderLifecycle.Decide(fresh.Record.State, new OrderPlaced(order), settings, Now);
            await _store.SaveAsync(fresh, fresh.Record.Apply(decision, "placed"), [], CancellationToken.None);
        }

        var listed = await _store.ListAsync(OrderStatus.Held, 10, CancellationToken.None);

        Assert.AreEqual(held.Key, listed.Single().Key);
        Assert.AreEqual(OrderStatus.Held, listed.Single().Status);
        StringAssert.Contains(listed.Single().Reasons.Single(), "awaiting payment");
        Assert.AreEqual(pushing.Key, (await _store.ListAsync(OrderStatus.Pushing, 10, CancellationToken.None)).Single().Key);
        Assert.IsEmpty(await _store.ListAsync(OrderStatus.Failed, 10, CancellationToken.None));
    }

    private static Decision Place(Order order) =>
        OrderLifecycle.Decide(OrderState.Empty(order.Key), new OrderPlaced(order),
            new SyncSettings { PushUnmappedProducts = true, DefaultVendorId = "vendor-a" }, Now);
}
