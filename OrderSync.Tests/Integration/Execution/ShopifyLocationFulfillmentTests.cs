using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;
using static OrderSync.Tests.Integration.Execution.CommandBuilder;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>A shipment whose lines sit in fulfillment orders at two locations, reported to Shopify through the executor over loopback.</summary>
[TestClass]
public sealed class ShopifyLocationFulfillmentTests
{
    private const string Ups = "1Z999AA10123456784";
    private const string UpsOther = "1Z999AA10123456795";
    private static ExecutorSimulators _simulators = null!;
    private ExecutorKit _kit = null!;
    private SimulatedMerchantOrder _merchantOrder = null!;
    private OrderKey _order = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulators = await ExecutorSimulators.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _simulators.DisposeAsync();

    [TestInitialize]
    public async Task NewKitAsync()
    {
        _kit = await ExecutorKit.StartAsync(_simulators);
        _merchantOrder = _kit.Merchant.SeedMerchantOrder("#2001",
            [new SeedLine("SKU-A", "Difference Engine", 2), new SeedLine("SKU-B", "Punch cards", 5), new SeedLine("SKU-C", "Loom card", 4)],
            fulfillmentOrders: 2);
        _order = _kit.OrderKeyOf(_merchantOrder);
    }

    [TestMethod]
    public async Task Two_locations_make_two_fulfillments_of_exactly_their_lines_with_the_same_tracking()
    {
        var outcome = await _kit.Executor().ExecuteAsync(Shipped(Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None);

        var fulfillments = _kit.Merchant.FulfillmentsOf(_merchantOrder.Id);
        Assert.HasCount(2, fulfillments);
        Assert.AreEqual($"{fulfillments[0].Id},{fulfillments[1].Id}", Assert.IsInstanceOfType<CommandSucceeded>(outcome).Reference);
        CollectionAssert.AreEqual(new[] { (FoLine(0, 0), 1), (FoLine(0, 2), 4) }, fulfillments[0].Lines.ToArray());
        CollectionAssert.AreEqual(new[] { (FoLine(1, 1), 3) }, fulfillments[1].Lines.ToArray());
        Assert.IsTrue(fulfillments.All(f => f.TrackingNumbers.SequenceEqual([Ups]) && f.Company == "UPS"));
    }

    [TestMethod]
    public async Task A_retry_after_a_lost_answer_creates_nothing_twice()
    {
        var report = Shipped(Tracking("UPS", Ups));
        _kit.Merchant.FailNext("fulfillmentCreate", new ShopifyFault.StallAfterEffect(TimeSpan.FromSeconds(5)));

        var lost = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor(timeout: TimeSpan.FromSeconds(1)).ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);
        Assert.HasCount(1, _kit.Merchant.FulfillmentsOf(_merchantOrder.Id), "the first location was fulfilled, its answer lost");

        var retried = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));
        var again = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));

        var fulfillments = _kit.Merchant.FulfillmentsOf(_merchantOrder.Id);
        Assert.HasCount(2, fulfillments);
        Assert.AreEqual($"{fulfillments[0].Id},{fulfillments[1].Id}", retried.Reference);
        Assert.AreEqual(retried.Reference, again.Reference);
        Assert.AreEqual(2, _kit.Merchant.Received.Count(r => r.Field == "fulfillmentCreate"), "one create per location, none repeated");
        Assert.IsTrue(_merchantOrder.FulfillmentOrders.SelectMany(fo => fo.Lines).All(l => l.RemainingQuantity == l.TotalQuantity - Shipped(l.LineItemId)));
    }

    [TestMethod]
    public async Task A_correction_updates_the_tracking_of_every_fulfillment()
    {
        var created = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(Shipped(Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));

        var corrected = await _kit.Executor().ExecuteAsync(Shipped(Tracking("UPS", UpsOther), created.Reference, revision: 1), mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(created.Reference, Assert.IsInstanceOfType<CommandSucceeded>(corrected).Reference);
        var fulfillments = _kit.Merchant.FulfillmentsOf(_merchantOrder.Id);
        Assert.HasCount(2, fulfillments);
        Assert.IsTrue(fulfillments.All(f => f.TrackingNumbers.SequenceEqual([UpsOther])));
    }

    [TestMethod]
    public async Task Fulfillment_orders_at_one_location_make_one_fulfillment()
    {
        var oneLocation = _kit.Merchant.SeedMerchantOrder("#2002", [new SeedLine("SKU-A", "A", 1), new SeedLine("SKU-B", "B", 1)], fulfillmentOrders: 2, locations: 1);
        var lines = oneLocation.LineItems.Select(l => new FulfilledLine(ShopifyIds.Numeric(l.Id), 1)).ToArray();

        var outcome = await _kit.Executor().ExecuteAsync(ToShopify(_kit.OrderKeyOf(oneLocation), [.. lines], Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None);

        var fulfillment = _kit.Merchant.FulfillmentsOf(oneLocation.Id).Single();
        Assert.AreEqual(fulfillment.Id, Assert.IsInstanceOfType<CommandSucceeded>(outcome).Reference);
        Assert.HasCount(2, fulfillment.Lines);
    }

    /// <summary>Line 0 (1 of 2) and line 2 (4) at the first location, line 1 (3 of 5) at the second.</summary>
    private ReportTrackingToShopify Shipped(Tracking tracking, string? fulfillmentId = null, int revision = 0) =>
        ToShopify(_order, [Line(0, 1), Line(1, 3), Line(2, 4)], tracking, fulfillmentId, revision);

    private int Shipped(string lineItemId) => _merchantOrder.LineItems.FindIndex(l => l.Id == lineItemId) switch { 0 => 1, 1 => 3, _ => 4 };

    private FulfilledLine Line(int index, int quantity) => new(ShopifyIds.Numeric(_merchantOrder.LineItems[index].Id), quantity);

    private string FoLine(int fulfillmentOrder, int lineIndex) =>
        _merchantOrder.FulfillmentOrders[fulfillmentOrder].Lines.Single(l => l.LineItemId == _merchantOrder.LineItems[lineIndex].Id).Id;
}
