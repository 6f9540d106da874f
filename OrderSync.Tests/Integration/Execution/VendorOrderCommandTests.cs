using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Sandbox.ShipHero;
using OrderSync.Sandbox.Shopify;
using static OrderSync.Tests.Integration.Execution.CommandBuilder;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>Push, update, edit and cancel through the command executor, on each kind of vendor, against the simulators over loopback.</summary>
[TestClass]
public sealed class VendorOrderCommandTests
{
    private static ExecutorSimulators _simulators = null!;
    private ExecutorKit _kit = null!;
    private readonly OrderKey _order = new("merchant.myshopify.com", "1001");

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulators = await ExecutorSimulators.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _simulators.DisposeAsync();

    [TestInitialize]
    public async Task NewKitAsync() => _kit = await ExecutorKit.StartAsync(_simulators);

    [TestMethod]
    [DataRow(ExecutorKit.ShopifyVendor)]
    [DataRow(ExecutorKit.ShipHeroVendor)]
    [DataRow(ExecutorKit.HttpVendor)]
    public async Task A_push_creates_one_vendor_order_even_when_retried_and_links_it_to_the_merchant_order(string vendorId)
    {
        var order = Unique();
        var first = await _kit.Executor().ExecuteAsync(Push(order, vendorId), mayHaveRun: true, CancellationToken.None);
        var retried = await _kit.Executor().ExecuteAsync(Push(order, vendorId), mayHaveRun: true, CancellationToken.None);

        var created = Assert.IsInstanceOfType<VendorOrderCreated>(first);
        Assert.AreEqual(created.VendorOrderId, Assert.IsInstanceOfType<VendorOrderCreated>(retried).VendorOrderId);
        Assert.AreEqual(1, VendorOrderCount(vendorId, order));
        var linkedAs = vendorId == ExecutorKit.ShopifyVendor ? ShopifyIds.Numeric(created.VendorOrderId) : created.VendorOrderId;
        Assert.AreEqual(order, await _kit.Correlations.FindAsync(CorrelationRef.VendorOrder(vendorId, linkedAs), CancellationToken.None));
    }

    [TestMethod]
    public async Task An_update_sends_contact_address_note_and_tags_to_a_Shopify_vendor_order()
    {
        var vendorOrderId = await PushAsync(ExecutorKit.ShopifyVendor);

        var outcome = await _kit.Executor().ExecuteAsync(Update(_order, ExecutorKit.ShopifyVendor, vendorOrderId, Details()), mayHaveRun: true, CancellationToken.None);

        Assert.IsInstanceOfType<CommandSucceeded>(outcome);
        var held = _kit.VendorStore.VendorSide().Order(vendorOrderId)!;
        Assert.AreEqual("grace@example.com", held.Email);
        Assert.AreEqual("ring twice", held.Note);
        Assert.AreEqual("2 Difference Street", held.ShippingAddress!["address1"]!.GetValue<string>());
        CollectionAssert.Contains(held.Tags, "vip");
        CollectionAssert.Contains(held.Tags, ShopifyVendorOrders.IdempotencyTag(Push(_order, ExecutorKit.ShopifyVendor).Id), "OrderSync's own tag survives");
    }

    [TestMethod]
    public async Task An_update_reaches_ShipHero_and_an_HTTP_vendor()
    {
        var shipHeroOrder = await PushAsync(ExecutorKit.ShipHeroVendor);
        var httpOrder = await PushAsync(ExecutorKit.HttpVendor);

        Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(Update(_order, ExecutorKit.ShipHeroVendor, shipHeroOrder, Details()), mayHaveRun: true, CancellationToken.None));
        Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(Update(_order, ExecutorKit.HttpVendor, httpOrder, Details()), mayHaveRun: true, CancellationToken.None));

        var shipHeroUpdate = _simulators.ShipHero.Orders.Single(o => o.Id == shipHeroOrder).Updates.Single();
        Assert.AreEqual("2 Difference Street", shipHeroUpdate["shipping_address"]!["address1"]!.GetValue<string>());
        Assert.AreEqual("ring twice", shipHeroUpdate["packing_note"]!.GetValue<string>());
        var httpUpdate = _simulators.Http.Orders.Single(o => o.Id == httpOrder).Updates.Single();
        Assert.AreEqual("grace@example.com", httpUpdate["customer"]!["email"]!.GetValue<string>());
        Assert.AreEqual(Update(_order, ExecutorKit.HttpVendor, httpOrder, Details()).Id,
            _simulators.Http.Received.Last(r => r.Kind == "update").IdempotencyKey);
    }

    [TestMethod]
    public async Task A_line_edit_makes_the_Shopify_vendor_order_lines_exactly_the_wanted_ones_matched_by_SKU()
    {
        var vendorOrderId = await PushAsync(ExecutorKit.ShopifyVendor);
        var wanted = Edit(_order, ExecutorKit.ShopifyVendor, vendorOrderId, [Line("11", "VENDOR-SKU-1", 3, 12.50m), Line("13", "VENDOR-SKU-3", 1, 4.00m)]);

        var outcome = await _kit.Executor().ExecuteAsync(wanted, mayHaveRun: true, CancellationToken.None);
        var again = await _kit.Executor().ExecuteAsync(wanted, mayHaveRun: true, CancellationToken.None);

        Assert.IsInstanceOfType<CommandSucceeded>(outcome);
        Assert.IsInstanceOfType<CommandSucceeded>(again);
        var lines = _kit.VendorStore.VendorSide().Order(vendorOrderId)!.Lines.Where(l => l.Quantity > 0).ToDictionary(l => l.Sku ?? l.Title!, l => l.Quantity);
        CollectionAssert.AreEquivalent(new Dictionary<string, int> { ["VENDOR-SKU-1"] = 3, ["Item VENDOR-SKU-3"] = 1 }, lines, "the repeated edit added nothing");
    }

    [TestMethod]
    [DataRow(ExecutorKit.ShipHeroVendor, "ShipHero")]
    [DataRow(ExecutorKit.HttpVendor, "HttpVendor")]
    public async Task A_line_edit_for_a_vendor_without_line_edits_fails_permanently_saying_so(string vendorId, string kind)
    {
        var vendorOrderId = await PushAsync(vendorId);

        var outcome = await _kit.Executor().ExecuteAsync(Edit(_order, vendorId, vendorOrderId, [Line("11", "VENDOR-SKU-1", 3)]), mayHaveRun: true, CancellationToken.None);

        var failed = Assert.IsInstanceOfType<CommandFailed>(outcome);
        Assert.AreEqual(FailureKind.Permanent, failed.Kind);
        Assert.AreEqual($"vendor {vendorId} ({kind}) does not accept line edits from OrderSync: change the order there", failed.Reason);
    }

    [TestMethod]
    public async Task A_cancel_cancels_the_order_on_each_kind_of_vendor_and_a_repeated_cancel_still_succeeds()
    {
        var shopify = await PushAsync(ExecutorKit.ShopifyVendor);
        var shipHero = await PushAsync(ExecutorKit.ShipHeroVendor);
        var http = await PushAsync(ExecutorKit.HttpVendor);

        foreach (var (vendorId, id) in new[] { (ExecutorKit.ShopifyVendor, shopify), (ExecutorKit.ShipHeroVendor, shipHero), (ExecutorKit.HttpVendor, http) })
        {
            Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(Cancel(_order, vendorId, id), mayHaveRun: true, CancellationToken.None), vendorId);
            Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(Cancel(_order, vendorId, id), mayHaveRun: true, CancellationToken.None), vendorId);
        }

        Assert.IsNotNull(_kit.VendorStore.VendorSide().Order(shopify)!.CancelledAt);
        Assert.IsTrue(_simulators.ShipHero.Orders.Single(o => o.Id == shipHero).Cancelled);
        Assert.AreEqual("the merchant cancelled the order", _simulators.Http.Orders.Single(o => o.Id == http).CancelReason);
    }

    [TestMethod]
    [DataRow(ExecutorKit.ShopifyVendor)]
    [DataRow(ExecutorKit.ShipHeroVendor)]
    public async Task Cancelling_an_unconfirmed_push_cancels_the_order_it_made_and_links_it(string vendorId)
    {
        var order = Unique();
        var made = Assert.IsInstanceOfType<VendorOrderCreated>(await _kit.Executor().ExecuteAsync(Push(order, vendorId), mayHaveRun: false, CancellationToken.None));

        var outcome = await _kit.Executor().ExecuteAsync(CancelUnconfirmed(order, vendorId), mayHaveRun: false, CancellationToken.None);

        Assert.AreEqual(made.VendorOrderId, Assert.IsInstanceOfType<CommandSucceeded>(outcome).Reference);
        if (vendorId == ExecutorKit.ShopifyVendor) Assert.IsNotNull(_kit.VendorStore.VendorSide().Order(made.VendorOrderId)!.CancelledAt);
        else Assert.IsTrue(_simulators.ShipHero.Orders.Single(o => o.Id == made.VendorOrderId).Cancelled);
        var linkedAs = vendorId == ExecutorKit.ShopifyVendor ? ShopifyIds.Numeric(made.VendorOrderId) : made.VendorOrderId;
        Assert.AreEqual(order, await _kit.Correlations.FindAsync(CorrelationRef.VendorOrder(vendorId, linkedAs), CancellationToken.None));
    }

    [TestMethod]
    [DataRow(ExecutorKit.ShopifyVendor)]
    [DataRow(ExecutorKit.ShipHeroVendor)]
    public async Task Cancelling_an_unconfirmed_push_that_never_reached_the_vendor_cancels_nothing(string vendorId)
    {
        var order = Unique();
        var before = VendorOrderCount(vendorId, order);

        var outcome = await _kit.Executor().ExecuteAsync(CancelUnconfirmed(order, vendorId), mayHaveRun: false, CancellationToken.None);

        Assert.IsNull(Assert.IsInstanceOfType<CommandSucceeded>(outcome).Reference);
        Assert.AreEqual(before, VendorOrderCount(vendorId, order));
    }

    [TestMethod]
    public async Task An_HTTP_vendor_cannot_be_asked_about_an_unconfirmed_push_so_a_person_is_told_what_to_check()
    {
        var failed = Assert.IsInstanceOfType<CommandFailed>(
            await _kit.Executor().ExecuteAsync(CancelUnconfirmed(_order, ExecutorKit.HttpVendor), mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failed.Kind);
        StringAssert.Contains(failed.Reason, $"if it holds merchant order {_order}, cancel it there");
    }

    [TestMethod]
    public async Task Failures_are_classified_into_CommandFailed()
    {
        var order = Unique();
        _simulators.Http.FailNext("create", new HttpVendorFault.ServerError(503));
        var transient = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(Push(order, ExecutorKit.HttpVendor), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, transient.Kind);

        _simulators.ShipHero.FailNext("order_create", new ShipHeroFault.OperationError("Invalid country code"));
        var refused = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(Push(order, ExecutorKit.ShipHeroVendor), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Permanent, refused.Kind);
        StringAssert.Contains(refused.Reason, "Invalid country code");

        var unknown = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(Push(order, "nobody"), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual((FailureKind.Permanent, "vendor nobody is not configured: cannot push the order"), (unknown.Kind, unknown.Reason));
    }

    [TestMethod]
    public async Task A_vendor_that_only_sends_webhooks_is_not_pushed_to()
    {
        var outcome = await _kit.Executor(c => c.Vendors.Single(v => v.Id == ExecutorKit.HttpVendor).ApiBaseUrl = null)
            .ExecuteAsync(Push(Unique(), ExecutorKit.HttpVendor), mayHaveRun: true, CancellationToken.None);

        var failed = Assert.IsInstanceOfType<CommandFailed>(outcome);
        Assert.AreEqual(FailureKind.Permanent, failed.Kind);
        StringAssert.Contains(failed.Reason, "ApiBaseUrl");
    }

    private static OrderKey Unique() => new("merchant.myshopify.com", Random.Shared.NextInt64(1, long.MaxValue).ToString());

    private async Task<string> PushAsync(string vendorId) =>
        Assert.IsInstanceOfType<VendorOrderCreated>(await _kit.Executor().ExecuteAsync(Push(_order, vendorId), mayHaveRun: true, CancellationToken.None)).VendorOrderId;

    private int VendorOrderCount(string vendorId, OrderKey order) => vendorId switch
    {
        ExecutorKit.ShopifyVendor => _kit.VendorStore.Orders.Count,
        ExecutorKit.ShipHeroVendor => _simulators.ShipHero.Orders.Count(o => o.PartnerOrderId == order.ToString()),
        _ => _simulators.Http.Orders.Count(o => o.MerchantOrder == order.ToString()),
    };
}
