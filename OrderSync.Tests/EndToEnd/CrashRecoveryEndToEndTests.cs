using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>The worker killed mid-order and started again: still exactly one vendor order.</summary>
[TestClass]
public sealed class CrashRecoveryEndToEndTests
{
    private static ShopifyAdminSimulator _simulator = null!;
    private LocalShellFixture _world = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartSimulatorAsync(TestContext _) => _simulator = await ShopifyAdminSimulator.StartAsync();

    [ClassCleanup]
    public static async Task StopSimulatorAsync() => await _simulator.DisposeAsync();

    [TestInitialize]
    public async Task StartAsync() => _world = await LocalShellFixture.StartAsync(_simulator);

    [TestCleanup]
    public async Task StopAsync()
    {
        if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed) TestContext.WriteLine(_world.Host.Output);
        await _world.DisposeAsync();
    }

    [TestMethod]
    public async Task Killed_after_saving_the_push_but_before_the_vendor_took_it_the_restarted_worker_pushes_exactly_once()
    {
        // The vendor holds the push without acting on it: the order is saved with the push in its outbox, not yet executed.
        _world.Vendor.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(TimeSpan.FromMinutes(5)));
        await _world.PostAsync(new ShopifyWebhookBuilder());
        await Eventually.GetAsync(() => Task.FromResult(_world.Vendor.Received.Count(r => r.Field == "orderCreate")), n => n == 1, "the push to reach the vendor");
        var saved = await _world.OrderAsync(Samples.ShopifyOrderId);
        Assert.AreEqual("pushing", saved!["status"]!.GetValue<string>());
        Assert.AreEqual(1, saved["outbox"]!.AsArray().Count, "the push is saved in the outbox before it runs");

        await _world.Host.KillAsync();
        Assert.AreEqual(0, _world.Vendor.Orders.Count, "the vendor never acted on the interrupted push");
        await _world.StartHostAsync();

        var order = await _world.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual(1, _world.Vendor.Orders.Count);
        Assert.AreEqual(_world.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Killed_after_the_vendor_created_the_order_but_before_the_answer_was_saved_the_restart_finds_it_instead_of_duplicating()
    {
        _world.Vendor.FailNext("orderCreate", new ShopifyFault.StallAfterEffect(TimeSpan.FromMinutes(5)));
        await _world.PostAsync(new ShopifyWebhookBuilder());
        await Eventually.GetAsync(() => Task.FromResult(_world.Vendor.Orders.Count), n => n == 1, "the vendor to create the order");

        await _world.Host.KillAsync();
        await _world.StartHostAsync();

        var order = await _world.OrderWithStatusAsync(Samples.ShopifyOrderId, "pushed");
        Assert.AreEqual(1, _world.Vendor.Orders.Count, "the retry found the tagged order");
        Assert.AreEqual(1, _world.Vendor.Received.Count(r => r.Field == "orderCreate"));
        Assert.AreEqual(_world.Vendor.Orders.Single().Id, order!["state"]!["subOrders"]![0]!["vendorOrderId"]!.GetValue<string>());
    }
}
