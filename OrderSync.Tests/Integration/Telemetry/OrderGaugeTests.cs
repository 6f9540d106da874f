using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;
using OrderSync.Core.Telemetry;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Telemetry;

/// <summary>The order gauges the workbook and the alerts read, computed from a real orders table on Azurite.</summary>
[TestClass]
public sealed class OrderGaugeTests
{
    private static readonly SyncSettings PaidOnly = new() { PushUnmappedProducts = true, DefaultVendorId = "vendor-a", PushOnlyIfPaid = true };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private StorageOptions _storage = null!;
    private OrderStore _store = null!;
    private OrderGauges _gauges = null!;
    private OrderGaugeRefresher _refresher = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        var storage = _storage = await TestStorage.IsolatedAsync();
        _store = new OrderStore(new TableServiceClient(storage.ConnectionString), TestStorage.Wrap(storage), _time);
        await _store.EnsureCreatedAsync(CancellationToken.None);
        _gauges = new OrderGauges(TestStorage.Wrap(new OrderGaugeOptions { Interval = TimeSpan.FromMinutes(5) }), _time);
        _refresher = new OrderGaugeRefresher(_store, _gauges, _time);
    }

    [TestCleanup]
    public void Stop() => _gauges.Dispose();

    [TestMethod]
    public async Task The_gauges_count_orders_per_status_and_age_the_oldest_from_when_it_entered_its_status()
    {
        var a = OrderBuilder.AnOrder().WithId("3001").WithLine("SKU-A").Build();
        var b = OrderBuilder.AnOrder().WithId("3002").WithLine("SKU-A").WithPayment(PaymentStatus.Pending).Build();
        var c = OrderBuilder.AnOrder().WithId("3003").WithLine("SKU-A").Build();
        await DecideAsync(a.Key, new OrderPlaced(a));               // 08:00 pushing
        await DecideAsync(b.Key, new OrderPlaced(b));               // 08:00 held, awaiting payment
        _time.Advance(TimeSpan.FromHours(1));
        await DecideAsync(c.Key, new OrderPlaced(c));               // 09:00 pushing
        _time.Advance(TimeSpan.FromHours(1));
        await DecideAsync(a.Key, new VendorOrderCreated(IdempotencyKeys.Push(a.Key, "vendor-a"), "vendor-order-1", "V-1")); // 10:00 pushed
        _time.Advance(TimeSpan.FromHours(1));
        var saved = await _store.LoadAsync(a.Key, CancellationToken.None);  // 11:00 saved again, still pushed: its age goes on
        await _store.SaveAsync(saved, saved.Record with { WakeScheduledFor = _time.GetUtcNow().AddDays(1) }, [], CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));                       // 13:00

        await _refresher.RefreshAsync(CancellationToken.None);
        using var telemetry = new TelemetryRecorder();
        telemetry.Collect();

        var counts = telemetry.Of("ordersync.orders").ToDictionary(m => m.Tags["status"]!, m => m.Value);
        CollectionAssert.AreEquivalent(OrderStatus.All.ToArray(), counts.Keys.ToArray());
        Assert.AreEqual((1d, 1d, 1d, 0d, 0d), (counts[OrderStatus.Pushed], counts[OrderStatus.Pushing], counts[OrderStatus.Held], counts[OrderStatus.Failed], counts[OrderStatus.Shipped]));
        var ages = telemetry.Of("ordersync.orders.oldest_age").ToDictionary(m => m.Tags["status"]!, m => m.Value);
        Assert.AreEqual(TimeSpan.FromHours(3).TotalSeconds, ages[OrderStatus.Pushed], "pushed at 10:00, not last saved at 11:00");
        Assert.AreEqual(TimeSpan.FromHours(4).TotalSeconds, ages[OrderStatus.Pushing], "the oldest pushing order is c, since 09:00");
        Assert.AreEqual(TimeSpan.FromHours(5).TotalSeconds, ages[OrderStatus.Held]);
        Assert.AreEqual(0d, ages[OrderStatus.Failed]);
    }

    [TestMethod]
    public async Task The_gauges_report_nothing_before_the_first_refresh_or_once_it_is_older_than_twice_the_interval()
    {
        var a = OrderBuilder.AnOrder().WithId("3101").WithLine("SKU-A").Build();
        await DecideAsync(a.Key, new OrderPlaced(a));
        using var telemetry = new TelemetryRecorder();
        telemetry.Collect();
        Assert.IsEmpty(telemetry.Of("ordersync.orders"));

        await _refresher.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        telemetry.Collect();
        Assert.AreEqual(1d, telemetry.Of("ordersync.orders").Single(m => m.Tags["status"] == OrderStatus.Pushing).Value);
        Assert.AreEqual(600d, telemetry.Of("ordersync.orders.oldest_age").Single(m => m.Tags["status"] == OrderStatus.Pushing).Value,
            "the age is measured when it is read, not when the snapshot was taken");

        _time.Advance(TimeSpan.FromSeconds(1));
        var before = telemetry.Of("ordersync.orders").Count;
        telemetry.Collect();
        Assert.HasCount(before, telemetry.Of("ordersync.orders"));
    }

    [TestMethod]
    public async Task A_state_row_saved_before_StatusSince_existed_counts_from_its_last_save()
    {
        var table = new TableServiceClient(_storage.ConnectionString).GetTableClient(_storage.TablePrefix + "Orders");
        await table.AddEntityAsync(new TableEntity("old.myshopify.com|1", "state") { ["Status"] = OrderStatus.Failed }, CancellationToken.None);
        var savedAt = (await table.GetEntityAsync<TableEntity>("old.myshopify.com|1", "state")).Value.Timestamp;

        var row = await _store.ReadStatusesAsync(CancellationToken.None).SingleAsync();

        Assert.AreEqual(new OrderStatusRow(OrderStatus.Failed, savedAt), row);
    }

    private async Task DecideAsync(OrderKey key, Signal signal)
    {
        var stored = await _store.LoadAsync(key, CancellationToken.None);
        var decision = OrderLifecycle.Decide(stored.Record.State, signal, PaidOnly, _time.GetUtcNow());
        await _store.SaveAsync(stored, stored.Record.Apply(decision, Guid.NewGuid().ToString()), [], CancellationToken.None);
    }
}
