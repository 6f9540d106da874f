using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>
/// PayPal webhooks through the real ingress (Azurite dedupe table, correlation table and queue), signed by the
/// simulator and verified offline against its pinned certificate served over loopback https.
/// </summary>
[TestClass]
public sealed class PayPalWebhookIngressTests
{
    private const string WebhookId = "5GP028458E2496506";
    private static PayPalSimulator _simulator = null!;
    private StorageOptions _storage = null!;
    private StorageQueueSignalQueue _queue = null!;

    [ClassInitialize]
    public static async Task StartSimulatorAsync(TestContext _) =>
        _simulator = await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);

    [ClassCleanup]
    public static async Task StopSimulatorAsync() => await _simulator.DisposeAsync();

    [TestInitialize]
    public async Task StartAsync()
    {
        _storage = await TestStorage.IsolatedAsync();
        _queue = new StorageQueueSignalQueue(TestStorage.Wrap(_storage));
        await _queue.EnsureCreatedAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task A_signed_capture_naming_its_order_is_queued_for_that_order_and_links_its_references()
    {
        var ingress = await IngressAsync();

        var result = await Post(ingress, PayPalSamples.CaptureCompletedWithOrderKey());

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        var envelope = (await Queued()).Single();
        Assert.AreEqual(new OrderKey("merchant.myshopify.com", "1001"), envelope.Order);
        Assert.AreEqual("paypal:WH-7Y7254563A4550640-11V2185806837105M", envelope.Id);
        Assert.AreEqual(PaymentEvent.Captured, ((PaymentReported)envelope.Signal).Event);
        var correlations = new CorrelationStore(new TableServiceClient(_storage.ConnectionString), TestStorage.Wrap(_storage));
        Assert.AreEqual(envelope.Order, await correlations.FindAsync(CorrelationRef.PayPalCapture("42311647XV020574X"), CancellationToken.None));
        Assert.AreEqual(envelope.Order, await correlations.FindAsync(CorrelationRef.PayPalOrder("8U481631H66031715"), CancellationToken.None));
    }

    [TestMethod]
    public async Task A_refund_of_a_linked_capture_reaches_its_order_and_a_redelivery_is_a_duplicate()
    {
        var ingress = await IngressAsync();
        var order = new OrderKey("merchant.myshopify.com", "1001");
        var router = await TestRouting.RouterAsync(_storage, _queue);
        await router.LinkAsync(new CorrelationLink(CorrelationRef.PayPalCapture("0JF852973C016714D"), order), CancellationToken.None);

        Assert.AreEqual(200, (await Post(ingress, PayPalSamples.CaptureRefunded())).StatusCode);
        var again = await Post(ingress, PayPalSamples.CaptureRefunded());

        StringAssert.Contains(again.Reason, "duplicate");
        var envelope = (await Queued()).Single();
        Assert.AreEqual(order, envelope.Order);
        Assert.AreEqual(PaymentEvent.Refunded, ((PaymentReported)envelope.Signal).Event);
    }

    [TestMethod]
    public async Task A_forged_webhook_is_answered_401_and_queues_nothing()
    {
        var body = PayPalSamples.CaptureCompletedWithOrderKey();
        var headers = new Dictionary<string, string>(_simulator.Sign(PayPalSamples.CaptureCompleted(), WebhookId)); // signed for another body

        var result = await (await IngressAsync()).HandleAsync("paypal", null, new WebhookHeaders(headers), new MemoryStream(body), body.Length, CancellationToken.None);

        Assert.AreEqual(401, result.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_certificate_that_cannot_be_fetched_is_answered_503_so_PayPal_retries()
    {
        _simulator.FailNext("certs", new PayPalFault.ServerError(503));

        var result = await Post(await IngressAsync(), PayPalSamples.CaptureCompletedWithOrderKey());

        Assert.AreEqual(503, result.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_signed_event_of_an_unused_type_is_answered_200_and_ignored()
    {
        var result = await Post(await IngressAsync(), PayPalSamples.VectorEvent());

        Assert.AreEqual(200, result.StatusCode);
        StringAssert.Contains(result.Reason, "ignored");
    }

    private async Task<WebhookIngress> IngressAsync()
    {
        var deliveries = new WebhookDeduplicator(new TableServiceClient(_storage.ConnectionString), TestStorage.Wrap(_storage), TimeProvider.System);
        await deliveries.EnsureCreatedAsync(CancellationToken.None);
        var paypal = PayPalTestSources.Offline(_simulator, PayPalTestSources.OfflineOptions(WebhookId), PayPalCertificateTrust.Pinned(_simulator.Signer.Certificate));
        var router = await TestRouting.RouterAsync(_storage, _queue);
        return new WebhookIngress([paypal], deliveries, router, TestStorage.Wrap(new IngressOptions()), TimeProvider.System, NullLogger<WebhookIngress>.Instance);
    }

    private static Task<WebhookResult> Post(WebhookIngress ingress, byte[] body) =>
        ingress.HandleAsync("paypal", null, new WebhookHeaders(_simulator.Sign(body, WebhookId)), new MemoryStream(body), body.Length, CancellationToken.None);

    private async Task<List<SignalEnvelope>> Queued() =>
        [.. (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Select(m => m.Envelope!)];
}
