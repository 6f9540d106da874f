using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Integration.Resilience;
using static OrderSync.Tests.Support.PlatformFailures;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>PayPalTracking as AddOrderSync registers it (the "PayPal" resilience pipeline), against the PayPal simulator over loopback http.</summary>
[TestClass]
public sealed class PayPalResilienceTests
{
    private static PayPalSimulator _simulator = null!;
    private ServiceProvider _services = null!;
    private PayPalTracking _client = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) =>
        _simulator = await PayPalSimulator.StartHttpAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);

    [ClassCleanup]
    public static async Task StopAsync() => await _simulator.DisposeAsync();

    [TestInitialize]
    public void Register()
    {
        _services = PlatformClientHost.Build(new Dictionary<string, string?>
        {
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ApiBaseUrl"] = _simulator.BaseUrl.AbsoluteUri,
            ["OrderSync:PayPal:ClientId"] = PayPalTestSources.ClientId,
            ["OrderSync:PayPal:ClientSecret"] = PayPalTestSources.ClientSecret,
        });
        _client = _services.GetRequiredService<PayPalTracking>();
    }

    [TestCleanup]
    public Task DisposeAsync() => _services.DisposeAsync().AsTask();

    private static string Key() => "ordersync-" + Guid.NewGuid().ToString("N");

    private static List<string?> RequestIdsSent(string requestId) =>
        [.. _simulator.RequestIds.Where(r => r.Endpoint == "track" && r.RequestId == requestId).Select(r => r.RequestId)];

    [TestMethod]
    public async Task A_503_reading_the_order_is_retried_by_the_pipeline_and_the_tracker_is_added_once()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var reads = _simulator.Received.Count(r => r.Endpoint == "order");
        _simulator.FailNext("order", new PayPalFault.ServerError(503));

        var added = await _client.AddAsync(orderId, new PayPalOrderTracker(captureId, "443844607820", "FEDEX"), Key(), CancellationToken.None);

        Assert.IsFalse(added.AlreadyPresent);
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
        Assert.AreEqual(reads + 2, _simulator.Received.Count(r => r.Endpoint == "order"), "503, then the pipeline's retry");
    }

    [TestMethod]
    public async Task A_429_adding_the_tracker_is_retried_with_the_same_PayPal_Request_Id_and_adds_it_once()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var key = Key();
        _simulator.FailNext("track", new PayPalFault.RateLimited(1));

        await _client.AddAsync(orderId, new PayPalOrderTracker(captureId, "443844607821", "FEDEX"), key, CancellationToken.None);

        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
        Assert.HasCount(2, RequestIdsSent(key), "429, then the pipeline's retry, both with the command's PayPal-Request-Id");
    }

    [TestMethod]
    public async Task A_503_adding_the_tracker_is_not_resent_in_process_and_the_durable_retry_adds_it_once()
    {
        // PayPal does not document PayPal-Request-Id on tracking: a POST that got a 5xx may have been applied, so it goes back
        // to the caller, whose retry reads the order's trackers first.
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var key = Key();
        var tracker = new PayPalOrderTracker(captureId, "443844607822", "FEDEX");
        _simulator.FailNext("track", new PayPalFault.ServerError(503));

        var failure = await FailureOf(() => _client.AddAsync(orderId, tracker, key, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.HasCount(1, RequestIdsSent(key));

        await _client.AddAsync(orderId, tracker, key, CancellationToken.None);
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
        Assert.HasCount(2, RequestIdsSent(key), "the durable retry sends the same PayPal-Request-Id");
    }
}
