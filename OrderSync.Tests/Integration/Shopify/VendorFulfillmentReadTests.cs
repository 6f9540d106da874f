using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>Reading a vendor's fulfillments with tracking: by order, and changed-since with cursor pagination.</summary>
[TestClass]
public sealed class VendorFulfillmentReadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task An_orders_fulfillments_come_back_as_shipments_with_tracking_and_lines()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        var order = kit.Side.Order(id)!;
        kit.Side.AddFulfillment(id, "1Z999AA10123456784", "UPS", "https://www.ups.com/track?tracknum=1Z999AA10123456784", T0,
            new Dictionary<int, int> { [0] = 2 });
        kit.Side.AddFulfillment(id, "JD014600003828209520", "DHL Express", null, T0.AddHours(1), new Dictionary<int, int> { [1] = 5 });

        var found = await kit.Fulfillments.ForOrderAsync(kit.Store, id, CancellationToken.None);

        Assert.AreEqual(2, found.Count);
        var first = found[0];
        Assert.IsTrue(first.Shipped);
        Assert.AreEqual(id, first.VendorOrderId);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, first.Shipment.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", first.Shipment.Carrier);
        CollectionAssert.AreEqual(new[] { "https://www.ups.com/track?tracknum=1Z999AA10123456784" }, first.Shipment.TrackingUrls.ToArray());
        Assert.AreEqual(T0, first.Shipment.ShippedAt);
        var line = first.Shipment.Lines.Single();
        Assert.AreEqual(order.Lines[0].Id, line.VendorLineId);
        Assert.AreEqual("VENDOR-SKU-1", line.Sku);
        Assert.AreEqual(2, line.Quantity);
        Assert.AreEqual("DHL Express", found[1].Shipment.Carrier);
        Assert.AreEqual(0, found[1].Shipment.TrackingUrls.Length);
        Assert.AreNotEqual(found[0].Shipment.ShipmentId, found[1].Shipment.ShipmentId);
    }

    [TestMethod]
    public async Task A_cancelled_fulfillment_is_read_but_is_not_shipped()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        kit.Side.AddFulfillment(id, "X1", "UPS", null, T0, status: "CANCELLED");

        var found = await kit.Fulfillments.ForOrderAsync(kit.Store, id, CancellationToken.None);

        Assert.IsFalse(found.Single().Shipped);
    }

    [TestMethod]
    public async Task An_order_without_fulfillments_has_none()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        Assert.AreEqual(0, (await kit.Fulfillments.ForOrderAsync(kit.Store, id, CancellationToken.None)).Count);
    }

    [TestMethod]
    public async Task A_changed_since_read_over_several_pages_returns_each_fulfillment_once()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add(await kit.PushAsync($"20{i:00}"));
        foreach (var id in ids) kit.Side.Touch(id, T0.AddHours(-1)); // created "now"; wind the clock of each order back
        var old = kit.Side.AddFulfillment(ids[0], "OLD", "UPS", null, T0.AddMinutes(-30)); // before the mark: not read
        var expected = new HashSet<string>();
        for (var i = 1; i < 7; i++)
        {
            expected.Add(kit.Side.AddFulfillment(ids[i], $"T{i}", "UPS", null, T0.AddMinutes(i), new Dictionary<int, int> { [0] = 1 }).Id);
            if (i % 2 == 0) expected.Add(kit.Side.AddFulfillment(ids[i], $"T{i}b", "USPS", null, T0.AddMinutes(i).AddSeconds(30), new Dictionary<int, int> { [1] = 5 }).Id);
        }
        kit.Side.Touch(ids[3], T0.AddMinutes(3)); // same instant as its fulfillment: ties are ordered by id

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        var mark = T0;
        do
        {
            var page = await kit.Fulfillments.ChangedSinceAsync(kit.Store, T0, cursor, CancellationToken.None, pageSize: 2);
            seen.AddRange(page.Fulfillments.Select(f => f.Shipment.ShipmentId));
            if (page.HighWaterMark > mark) mark = page.HighWaterMark;
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null && pages < 20);

        Assert.AreEqual(3, pages);
        Assert.AreEqual(seen.Count, seen.Distinct().Count(), "no fulfillment twice");
        CollectionAssert.AreEquivalent(expected.ToList(), seen);
        CollectionAssert.DoesNotContain(seen, old.Id);
        Assert.AreEqual(T0.AddMinutes(6).AddSeconds(30), mark);
        StringAssert.Contains(kit.Simulated.Received.Last(r => r.Field == "orders").Variables["query"]!.GetValue<string>(), "updated_at:>='2026-11-01T12:00:00Z'");

        var nothingNew = await kit.Fulfillments.ChangedSinceAsync(kit.Store, mark.AddSeconds(1), null, CancellationToken.None);
        Assert.AreEqual(0, nothingNew.Fulfillments.Count);
        Assert.IsNull(nothingNew.NextCursor);
        Assert.AreEqual(mark.AddSeconds(1), nothingNew.HighWaterMark);
    }
}
