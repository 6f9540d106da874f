using Azure.Data.Tables;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>Routing by reference on a real Azurite: resolved through the correlation table, or parked until linked, never dropped.</summary>
[TestClass]
public sealed class SignalRouterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrderKey Order = new("merchant.myshopify.com", "1001");
    private StorageOptions _storage = null!;
    private StorageQueueSignalQueue _queue = null!;
    private SignalRouter _router = null!;
    private UnmatchedSignals _unmatched = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _storage = await TestStorage.IsolatedAsync();
        _queue = new StorageQueueSignalQueue(TestStorage.Wrap(_storage));
        await _queue.EnsureCreatedAsync(CancellationToken.None);
        _router = await TestRouting.RouterAsync(_storage, _queue);
        _unmatched = new UnmatchedSignals(new TableServiceClient(_storage.ConnectionString), TestStorage.Wrap(_storage), TimeProvider.System);
    }

    [TestMethod]
    public async Task A_signal_for_an_unknown_payment_is_parked_with_its_reason_and_not_queued()
    {
        var routed = await _router.RouteAsync(Captured("evt_1", "pi_123"), CancellationToken.None);

        Assert.IsNull(routed.Order);
        Assert.AreEqual(0, (await Queued()).Count);
        var parked = (await _unmatched.ListAsync(10, CancellationToken.None)).Single();
        Assert.AreEqual("stripe:evt_1", parked.Signal.Id);
        StringAssert.Contains(parked.Reason, "stripe-payment-intent pi_123");
    }

    [TestMethod]
    public async Task Linking_the_reference_releases_the_parked_signal_to_its_order_and_leaves_nothing_parked()
    {
        await _router.RouteAsync(Captured("evt_1", "pi_123"), CancellationToken.None);
        await _router.RouteAsync(Captured("evt_2", "pi_other"), CancellationToken.None);

        await _router.LinkAsync(new CorrelationLink(CorrelationRef.StripePaymentIntent("pi_123"), Order), CancellationToken.None);

        var released = (await Queued()).Single();
        Assert.AreEqual("stripe:evt_1", released.Id);
        Assert.AreEqual(Order, released.Order);
        Assert.IsInstanceOfType<PaymentReported>(released.Signal);
        Assert.AreEqual("stripe:evt_2", (await _unmatched.ListAsync(10, CancellationToken.None)).Single().Signal.Id, "only the linked reference's signal left");
    }

    [TestMethod]
    public async Task A_signal_parked_under_two_references_is_released_by_either_and_removed_from_both()
    {
        var refund = InboundSignal.ByReference("paypal:WH-1", Payment(PaymentEvent.Refunded), Origin("paypal"),
            CorrelationRef.PayPalCapture("CAP-1"), CorrelationRef.PayPalOrder("ORD-1"));
        await _router.RouteAsync(refund, CancellationToken.None);

        await _router.LinkAsync(new CorrelationLink(CorrelationRef.PayPalOrder("ORD-1"), Order), CancellationToken.None);
        await _router.LinkAsync(new CorrelationLink(CorrelationRef.PayPalCapture("CAP-1"), Order), CancellationToken.None);

        Assert.AreEqual(1, (await Queued()).Count, "released once");
        Assert.AreEqual(0, (await _unmatched.ListAsync(10, CancellationToken.None)).Count);
    }

    [TestMethod]
    public async Task Once_linked_a_reference_routes_later_signals_straight_to_the_order()
    {
        await _router.LinkAsync(new CorrelationLink(CorrelationRef.StripePaymentIntent("pi_123"), Order), CancellationToken.None);

        var routed = await _router.RouteAsync(Captured("evt_3", "pi_123"), CancellationToken.None);

        Assert.AreEqual(Order, routed.Order);
        Assert.AreEqual(Order, (await Queued()).Single().Order);
    }

    [TestMethod]
    public async Task Links_a_webhook_proves_are_recorded_after_its_signal_is_queued()
    {
        var withMetadata = InboundSignal.ForOrder("stripe:evt_4", Order, Payment(PaymentEvent.Captured), Origin("stripe"))
            with { Links = [new CorrelationLink(CorrelationRef.StripePaymentIntent("pi_9"), Order)] };
        await _router.RouteAsync(withMetadata, CancellationToken.None);

        var later = await _router.RouteAsync(Captured("evt_5", "pi_9"), CancellationToken.None);

        Assert.AreEqual(Order, later.Order);
    }

    private static InboundSignal Captured(string eventId, string paymentIntent) =>
        InboundSignal.ByReference($"stripe:{eventId}", Payment(PaymentEvent.Captured), Origin("stripe"), CorrelationRef.StripePaymentIntent(paymentIntent));

    private static PaymentReported Payment(PaymentEvent what) => new(PaymentPlatform.Stripe, what, "pi_123", new Money(10m, "USD"), At);

    private static SignalOrigin Origin(string source) => new(source, "test", null, At, At);

    private async Task<List<SignalEnvelope>> Queued() =>
        [.. (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Select(m => m.Envelope!)];
}
