using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>FindPaymentReferences: the merchant order's transactions read from Shopify, each payment reference linked to the order.</summary>
[TestClass]
public sealed class PaymentReferenceLookupTests
{
    private static ExecutorSimulators _simulators = null!;
    private ExecutorKit _kit = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulators = await ExecutorSimulators.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _simulators.DisposeAsync();

    [TestInitialize]
    public async Task NewKitAsync() => _kit = await ExecutorKit.StartAsync(_simulators);

    [TestMethod]
    public async Task The_capture_and_the_PaymentIntent_are_found_linked_and_release_what_was_parked_under_them()
    {
        var seeded = _kit.Merchant.SeedMerchantOrder("#1001", [new SeedLine("SKU-A", "Difference Engine", 1)],
        [
            new SeedTransaction("paypal", "AUTHORIZATION", "SUCCESS", "AUTH-1"),
            new SeedTransaction("paypal", "CAPTURE", "SUCCESS", "3C679366HH908993F"),
            new SeedTransaction("stripe", "SALE", "SUCCESS", ReceiptJson: """{"payment_intent":"pi_3ExecLookup"}"""),
        ]);
        var order = _kit.OrderKeyOf(seeded);
        var at = DateTimeOffset.UtcNow;
        await _kit.Router.RouteAsync(InboundSignal.ByReference("paypal:WH-REFUND", new PaymentReported(PaymentPlatform.PayPal, PaymentEvent.Refunded, "3C679366HH908993F", null, at),
            new SignalOrigin("paypal", "PAYMENT.CAPTURE.REFUNDED", "WH-REFUND", at, at), CorrelationRef.PayPalCapture("3C679366HH908993F")), CancellationToken.None);
        var command = new FindPaymentReferences(IdempotencyKeys.PaymentReferences(order), order);

        var outcome = await _kit.Executor().ExecuteAsync(command, mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(new PaymentReferencesFound(command.Id, "3C679366HH908993F", "pi_3ExecLookup"), outcome);
        Assert.AreEqual(order, await _kit.Correlations.FindAsync(CorrelationRef.PayPalCapture("3C679366HH908993F"), CancellationToken.None));
        Assert.AreEqual(order, await _kit.Correlations.FindAsync(CorrelationRef.StripePaymentIntent("pi_3ExecLookup"), CancellationToken.None));
        Assert.IsNull(await _kit.Correlations.FindAsync(CorrelationRef.PayPalCapture("AUTH-1"), CancellationToken.None), "an authorization is not a capture");
        var released = _kit.Queue.Queued.Single();
        Assert.AreEqual(("paypal:WH-REFUND", order), (released.Id, released.Order));
    }

    [TestMethod]
    public async Task An_order_paid_another_way_has_no_references_and_a_missing_order_is_permanent()
    {
        var seeded = _kit.Merchant.SeedMerchantOrder("#1002", [new SeedLine("SKU-A", "Difference Engine", 1)], [new SeedTransaction("manual", "SALE", "SUCCESS")]);
        var order = _kit.OrderKeyOf(seeded);

        var none = await _kit.Executor().ExecuteAsync(new FindPaymentReferences("payments:x", order), mayHaveRun: true, CancellationToken.None);
        var missing = await _kit.Executor().ExecuteAsync(new FindPaymentReferences("payments:y", order with { OrderId = "1" }), mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(new PaymentReferencesFound("payments:x", null, null), none);
        Assert.AreEqual(FailureKind.Permanent, Assert.IsInstanceOfType<CommandFailed>(missing).Kind);
    }
}
