using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Core.Platforms;

/// <summary>Shipped units per order line become fulfillment-order lines, taken from what remains.</summary>
[TestClass]
public sealed class ShopifyFulfillmentPlanTests
{
    private static readonly ShopifyMerchantOrder Order = new("gid://shopify/Order/1", "#1001",
        [new("L1", "A", "A", 3), new("L2", "B", "B", 2)], [],
        [
            new("FO1", "OPEN", [new("FOL1", "L1", 1, 2), new("FOL2", "L2", 2, 2)]),
            new("FO2", "OPEN", [new("FOL3", "L1", 1, 1)]),
        ],
        []);

    [TestMethod]
    public void Units_are_taken_from_the_remaining_quantities_across_fulfillment_orders()
    {
        var lines = ShopifyFulfillmentPlan.Lines(Order, [("L1", 2), ("L2", 1)]);

        CollectionAssert.AreEqual(new[]
        {
            new ShopifyFulfillmentLine("FO1", "FOL1", 1), new ShopifyFulfillmentLine("FO2", "FOL3", 1), new ShopifyFulfillmentLine("FO1", "FOL2", 1),
        }, lines.ToArray());
    }

    [TestMethod]
    public void Shipping_more_than_remains_is_permanent()
    {
        var failure = Assert.ThrowsExactly<PlatformException>(() => ShopifyFulfillmentPlan.Lines(Order, [("L1", 3)]));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "only 2 remain");
    }

    [TestMethod]
    public void A_shipment_becomes_a_request_with_its_tracking_and_carrier()
    {
        var shipment = new Shipment("S1", ["1Z1"], "UPS", ["https://t/1Z1"], [new ShippedLine("v-1", "A", 1)], DateTimeOffset.UnixEpoch);

        var request = ShopifyFulfillmentPlan.Requests(Order, shipment, _ => "L2").Single();

        Assert.AreEqual(Order.Id, request.OrderId);
        CollectionAssert.AreEqual(new[] { "1Z1" }, request.TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", request.Company);
        Assert.AreEqual(new ShopifyFulfillmentLine("FO1", "FOL2", 1), request.Lines.Single());
    }

    [TestMethod]
    public void Lines_at_two_locations_become_two_requests_with_the_same_tracking_in_the_order_s_location_order()
    {
        var order = AtLocations("LOC-B", "LOC-A");

        var requests = ShopifyFulfillmentPlan.Requests(order, [("L2", 1), ("L1", 2)], ["1Z1"], [], "UPS");

        Assert.HasCount(2, requests);
        CollectionAssert.AreEqual(new[] { new ShopifyFulfillmentLine("FO1", "FOL2", 1), new ShopifyFulfillmentLine("FO1", "FOL1", 1) }, requests[0].Lines.ToArray());
        CollectionAssert.AreEqual(new[] { new ShopifyFulfillmentLine("FO2", "FOL3", 1) }, requests[1].Lines.ToArray());
        Assert.IsTrue(requests.All(r => r.TrackingNumbers.SequenceEqual(["1Z1"]) && r.Company == "UPS"));
    }

    [TestMethod]
    public void Fulfillment_orders_at_one_location_or_without_a_location_make_one_group()
    {
        var lines = ShopifyFulfillmentPlan.Lines(Order, [("L1", 2), ("L2", 1)]);

        Assert.AreEqual(lines.Length, ShopifyFulfillmentPlan.ByLocation(Order, lines).Single().Length);
        Assert.AreEqual(lines.Length, ShopifyFulfillmentPlan.ByLocation(AtLocations("LOC-A", "LOC-A"), lines).Single().Length);
    }

    [TestMethod]
    public void What_fulfillments_with_the_tracking_already_hold_is_not_planned_again()
    {
        ShopifyFulfillment[] made = [new("F1", ["1Z1"], ["FO2"], [new("L1", 1)])];

        var outstanding = ShopifyFulfillmentPlan.Outstanding([("L1", 1), ("L2", 1), ("L1", 1)], made);

        CollectionAssert.AreEqual(new[] { ("L1", 1), ("L2", 1) }, outstanding.ToArray());
        Assert.IsEmpty(ShopifyFulfillmentPlan.Outstanding([("L1", 1)], made));
    }

    private static ShopifyMerchantOrder AtLocations(string first, string second) => Order with
    {
        FulfillmentOrders = [Order.FulfillmentOrders[0] with { LocationId = first }, Order.FulfillmentOrders[1] with { LocationId = second }],
    };
}
