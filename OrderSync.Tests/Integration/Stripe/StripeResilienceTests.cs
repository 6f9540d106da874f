using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Stripe;
using OrderSync.Sandbox.Stripe;
using OrderSync.Tests.Integration.Resilience;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;

namespace OrderSync.Tests.Integration.Stripe;

/// <summary>StripeShipping as AddOrderSync registers it (the "Stripe" resilience pipeline), against the Stripe simulator over loopback.</summary>
[TestClass]
public sealed class StripeResilienceTests
{
    private const string PaymentIntentId = "pi_3Resilience01";
    private const string Key = "stripe-tracking:merchant.myshopify.com:1001:vendor-a:shipment-1";
    private static StripeSimulator _simulator = null!;
    private SimulatedStripeAccount _account = null!;
    private ServiceProvider _services = null!;
    private StripeShipping _client = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulator = await TestSimulators.StripeAsync();

    [TestInitialize]
    public void NewAccount()
    {
        var apiKey = $"sk_test_{Guid.NewGuid():N}";
        _account = _simulator.AddAccount(apiKey);
        _account.AddPaymentIntent(PaymentIntentId);
        _services = PlatformClientHost.Build(new Dictionary<string, string?>
        {
            ["OrderSync:Stripe:ApiKey"] = apiKey,
            ["OrderSync:Stripe:ApiBase"] = _simulator.BaseUrl.AbsoluteUri,
        });
        _client = _services.GetRequiredService<StripeShipping>();
    }

    [TestCleanup]
    public Task DisposeAsync() => _services.DisposeAsync().AsTask();

    private IReadOnlyList<ReceivedStripeRequest> Posts => [.. _account.Received.Where(r => r.Method == "POST")];

    [TestMethod]
    public async Task A_503_is_retried_by_the_pipeline_and_written_once_under_the_same_key()
    {
        _account.FailNext("POST", new StripeFault.ServerError(503));

        var outcome = await _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.Written, outcome);
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
        CollectionAssert.AreEqual(new[] { 503, 200 }, Posts.Select(p => p.Status).ToArray());
        CollectionAssert.AreEqual(new[] { Key, Key }, Posts.Select(p => p.IdempotencyKey).ToArray(), "the pipeline resends the same request");
    }

    [TestMethod]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        _account.FailNext("POST", new StripeFault.RateLimited(1));

        var outcome = await _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.Written, outcome);
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
        CollectionAssert.AreEqual(new[] { 429, 200 }, Posts.Select(p => p.Status).ToArray());
        Assert.AreEqual(Key, Posts[1].IdempotencyKey);
        var waited = Posts[1].At - Posts[0].At;
        Assert.IsTrue(waited >= TimeSpan.FromSeconds(0.9), $"Retry-After 1 s was honoured (waited {waited})");
    }

    [TestMethod]
    public async Task A_permanent_400_is_not_retried()
    {
        // The same key with other parameters: Stripe answers 400 idempotency_error.
        await _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);
        var before = Posts.Count;

        var failure = await FailureOf(() => _client.SetTrackingAsync(Update("TRACK-B"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "400");
        StringAssert.Contains(failure.Reason, "idempotency_error");
        Assert.AreEqual(before + 1, Posts.Count, "a 400 is sent once");
    }

    [TestMethod]
    public async Task When_the_pipeline_gives_up_on_5xx_the_failure_is_transient_and_classified()
    {
        _account.FailNext("POST", new StripeFault.ServerError(503), times: 3);

        var failure = await FailureOf(() => _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "503");
        Assert.AreEqual(3, Posts.Count, "first attempt + MaxRetries 2");
        Assert.AreEqual(0, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    public async Task When_every_attempt_times_out_the_failure_is_transient_and_classified()
    {
        _account.FailNext("GET", new StripeFault.StallBeforeEffect(TimeSpan.FromSeconds(30)), times: 3);

        var failure = await FailureOf(() => _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "did not answer in time");
        Assert.AreEqual(0, _account.PaymentIntent(PaymentIntentId).Updates);
        // A stalled request is not recorded; that the next call goes straight through shows all three stalls were taken.
        Assert.AreEqual(StripeTrackingOutcome.Written, await _client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));
    }

    private static StripeTrackingUpdate Update(string number) =>
        new(PaymentIntentId, new Address("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null), "UPS", [number]);
}
