using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Webhooks;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>
/// What the tracking poll must do with every kind of vendor, against Azurite and that kind's simulator: a shipment becomes
/// one queued VendorShipped (the signal its webhook gives), a second poll queues nothing, a queue failure keeps the cursor
/// (also part-way through the pages), and a shipment of an unknown vendor order is parked. Each kind supplies the vendor.
/// </summary>
public abstract class ShipmentFeedContract
{
    protected static readonly OrderKey Merchant = new("merchant.myshopify.com", "820982911946154508");

    private readonly Dictionary<OrderKey, string> _pushed = [];

    internal PollWorld World { get; private set; } = null!;

    protected abstract string VendorId { get; }

    /// <summary>How many shipments one page of the vendor's read holds.</summary>
    protected abstract int PageSize { get; }

    /// <summary>Starts the vendor's simulator and answers the poll's world for it.</summary>
    internal abstract Task<PollWorld> StartWorldAsync();

    protected abstract Task StopVendorAsync();

    /// <summary>The vendor ships (at <paramref name="at"/>) an order OrderSync pushed for <paramref name="merchantOrder"/>; answers the shipment id OrderSync names it by.</summary>
    protected abstract Task<string> ShipAsync(OrderKey merchantOrder, string trackingNumber, DateTimeOffset at);

    /// <summary>The vendor ships an order OrderSync knows nothing of; answers the vendor order id the signal names.</summary>
    protected abstract Task<string> ShipUnknownOrderAsync(string trackingNumber, DateTimeOffset at);

    /// <summary>The page cursor the vendor was last asked for (null: the first page).</summary>
    protected abstract string? LastPageCursorAsked();

    /// <summary>Checks that the queued signal is the one the same shipment's webhook gives.</summary>
    protected abstract void AssertAsItsWebhookGives(SignalEnvelope polled);

    [TestInitialize]
    public async Task StartAsync() => World = await StartWorldAsync();

    [TestCleanup]
    public Task StopAsync() => StopVendorAsync();

    [TestMethod]
    public async Task A_shipment_becomes_one_queued_VendorShipped_for_the_merchant_order_as_its_webhook_gives_it()
    {
        var shipmentId = await ShipAsync(Merchant, "1Z999AA10123456784", DateTimeOffset.UtcNow);

        var result = await World.PollAsync();

        Assert.AreEqual(1, result.Routed);
        var envelope = World.Queue.Queued.Single();
        Assert.AreEqual(Merchant, envelope.Order);
        var shipped = (VendorShipped)envelope.Signal;
        Assert.AreEqual(VendorId, shipped.VendorId);
        Assert.AreEqual(shipmentId, shipped.Shipment.ShipmentId);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, shipped.Shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("tracking-poll", envelope.Origin.Source);
        AssertAsItsWebhookGives(envelope);
    }

    [TestMethod]
    public async Task A_second_poll_queues_nothing_new_and_the_cursor_has_advanced_to_the_latest_change()
    {
        var shippedAt = DateTimeOffset.UtcNow.AddMinutes(1);
        await ShipAsync(Merchant, "1Z999AA10123456784", shippedAt);
        await World.PollAsync();

        var cursor = await World.CursorAsync(VendorId);
        var second = await World.PollAsync();

        Assert.AreEqual(0, second.Routed);
        Assert.AreEqual(1, World.Queue.Queued.Count);
        Assert.IsNotNull(cursor);
        Assert.IsNull(cursor.After);
        Assert.AreEqual(shippedAt.ToUnixTimeSeconds(), cursor.Since.ToUnixTimeSeconds(), "the next read starts at the latest change read");
    }

    [TestMethod]
    public async Task A_failure_while_queueing_leaves_the_cursor_where_it_was_and_the_next_poll_queues_the_shipment()
    {
        await ShipAsync(Merchant, "FIRST", DateTimeOffset.UtcNow);
        await World.PollAsync();
        var before = await World.CursorAsync(VendorId);
        await ShipAsync(Merchant with { OrderId = "1002" }, "SECOND", DateTimeOffset.UtcNow.AddMinutes(2));

        World.Queue.SucceedFirst = 0;
        var failed = await World.PollAsync();

        CollectionAssert.AreEqual(new[] { VendorId }, failed.FailedVendors.ToArray());
        Assert.AreEqual(before, await World.CursorAsync(VendorId));
        Assert.AreEqual(1, World.Queue.Queued.Count);

        var retried = await World.PollAsync();

        Assert.AreEqual(1, retried.Routed);
        CollectionAssert.AreEqual(new[] { "FIRST", "SECOND" }, Trackings());
        Assert.IsTrue((await World.CursorAsync(VendorId))!.Since > before!.Since);
    }

    [TestMethod]
    public async Task A_failure_on_a_later_page_keeps_the_pages_before_it_and_the_next_poll_resumes_there()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i <= PageSize; i++) // one more than a page
            await ShipAsync(Merchant with { OrderId = $"{1000 + i}" }, $"T{i}", now.AddSeconds(i));

        World.Queue.SucceedFirst = PageSize;
        var failed = await World.PollAsync();

        Assert.AreEqual(1, failed.FailedVendors.Count);
        Assert.AreEqual(PageSize, World.Queue.Queued.Count);
        var midway = await World.CursorAsync(VendorId);
        Assert.IsNotNull(midway?.After, "the first page is behind the cursor");

        var resumed = await World.PollAsync();

        Assert.AreEqual(1, resumed.Routed);
        Assert.AreEqual(midway.After, LastPageCursorAsked());
        CollectionAssert.AreEquivalent(Enumerable.Range(0, PageSize + 1).Select(i => $"T{i}").ToArray(), Trackings());
        Assert.IsNull((await World.CursorAsync(VendorId))!.After);
    }

    [TestMethod]
    public async Task A_shipment_of_an_unknown_vendor_order_is_parked_not_lost()
    {
        var vendorOrderId = await ShipUnknownOrderAsync("1Z999AA10123456784", DateTimeOffset.UtcNow);

        var result = await World.PollAsync();

        Assert.AreEqual(1, result.Routed);
        Assert.AreEqual(0, World.Queue.Queued.Count);
        var parked = (await World.Unmatched.ListAsync(10, CancellationToken.None)).Single();
        Assert.AreEqual(vendorOrderId, ((VendorShipped)parked.Signal.Signal).VendorOrderId);
        StringAssert.Contains(parked.Reason, $"vendor-order:{VendorId} {vendorOrderId}");
    }

    /// <summary>The webhook's parse names the polled signal's order and is one shipment with it: same id, tracking, lines and time.</summary>
    protected static void AssertSameAsWebhook(WebhookParse webhookParse, SignalEnvelope polled)
    {
        var webhookSignal = ((WebhookParse.Accepted)webhookParse).Signals.Single();
        Assert.AreEqual(webhookSignal.Order, polled.Order);
        var webhook = (VendorShipped)webhookSignal.Signal;
        var polledShipped = (VendorShipped)polled.Signal;
        AssertSameShipment(webhook, polledShipped);
    }

    private static void AssertSameShipment(VendorShipped webhook, VendorShipped polled)
    {
        Assert.AreEqual(webhook.VendorId, polled.VendorId);
        Assert.AreEqual(webhook.VendorOrderId, polled.VendorOrderId);
        Assert.AreEqual(webhook.Shipment.ShipmentId, polled.Shipment.ShipmentId);
        Assert.IsTrue(Tracking.Of(webhook.Shipment).SameAs(Tracking.Of(polled.Shipment)), $"{Tracking.Of(webhook.Shipment)} vs {Tracking.Of(polled.Shipment)}");
        CollectionAssert.AreEqual(webhook.Shipment.Lines.Select(l => (l.Sku, l.Quantity)).ToArray(), polled.Shipment.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
        Assert.AreEqual(webhook.Shipment.ShippedAt.ToUnixTimeSeconds(), polled.Shipment.ShippedAt.ToUnixTimeSeconds());
    }

    /// <summary>The vendor order OrderSync pushed for <paramref name="merchantOrder"/>, pushed with <paramref name="push"/> the first time.</summary>
    protected async Task<string> VendorOrderAsync(OrderKey merchantOrder, Func<Task<string>> push)
    {
        if (!_pushed.TryGetValue(merchantOrder, out var vendorOrder)) _pushed[merchantOrder] = vendorOrder = await push();
        return vendorOrder;
    }

    protected string VendorOrderOf(OrderKey merchantOrder) => _pushed[merchantOrder];

    /// <summary>The order OrderSync pushes for <paramref name="order"/>: one line of VENDOR-SKU-1.</summary>
    protected static VendorOrderDraft Draft(OrderKey order) =>
        VendorOrderDrafts.Draft(order, [VendorOrderDrafts.DifferenceEngine(quantity: 1)], note: null, shippingMethod: null);

    private string[] Trackings() => [.. World.Queue.Queued.Select(e => ((VendorShipped)e.Signal).Shipment.TrackingNumbers.Single())];
}
