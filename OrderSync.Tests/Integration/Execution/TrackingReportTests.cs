using System.Collections.Immutable;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;
using static OrderSync.Tests.Integration.Execution.CommandBuilder;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>Tracking reported to Shopify, PayPal and Stripe through the command executor, against the simulators over loopback.</summary>
[TestClass]
public sealed class TrackingReportTests
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
        _merchantOrder = _kit.Merchant.SeedMerchantOrder("#1001", [new SeedLine("SKU-A", "Difference Engine", 2), new SeedLine("SKU-B", "Punch cards", 5)]);
        _order = _kit.OrderKeyOf(_merchantOrder);
    }

    [TestMethod]
    public async Task A_Shopify_fulfillment_holds_exactly_the_shipped_lines_with_the_carrier_named_as_Shopify_knows_it_and_a_retry_adds_none()
    {
        var report = ToShopify(_order, [new FulfilledLine(LineId(1), 3)], Tracking("united parcel service", Ups));

        var first = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));
        var retried = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));

        var fulfillment = _kit.Merchant.FulfillmentsOf(_merchantOrder.Id).Single();
        Assert.AreEqual((fulfillment.Id, fulfillment.Id), (first.Reference, retried.Reference));
        Assert.AreEqual("UPS", fulfillment.Company);
        CollectionAssert.AreEqual(new[] { Ups }, fulfillment.TrackingNumbers.ToArray());
        var line = _merchantOrder.FulfillmentOrders[0].Lines.Single(l => l.LineItemId == _merchantOrder.LineItems[1].Id);
        CollectionAssert.AreEqual(new[] { (line.Id, 3) }, fulfillment.Lines.ToArray());
    }

    [TestMethod]
    public async Task A_Shopify_correction_replaces_the_tracking_of_the_fulfillment()
    {
        var created = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(
            ToShopify(_order, [new FulfilledLine(LineId(0), 2)], Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));

        var corrected = await _kit.Executor().ExecuteAsync(
            ToShopify(_order, [new FulfilledLine(LineId(0), 2)], Tracking("UPS", UpsOther), ShopifyIds.Numeric(created.Reference!), revision: 1), mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(created.Reference, Assert.IsInstanceOfType<CommandSucceeded>(corrected).Reference);
        CollectionAssert.AreEqual(new[] { UpsOther }, _kit.Merchant.FulfillmentsOf(_merchantOrder.Id).Single().TrackingNumbers.ToArray());
    }

    [TestMethod]
    public async Task A_bad_tracking_number_is_a_permanent_failure_and_nothing_is_sent()
    {
        var before = _kit.Merchant.Received.Count;

        var outcome = await _kit.Executor().ExecuteAsync(ToShopify(_order, [new FulfilledLine(LineId(0), 1)], Tracking("UPS", "https://ups.example/track?1Z")), mayHaveRun: true, CancellationToken.None);

        var failed = Assert.IsInstanceOfType<CommandFailed>(outcome);
        Assert.AreEqual(FailureKind.Permanent, failed.Kind);
        StringAssert.Contains(failed.Reason, "is a URL");
        Assert.AreEqual(before, _kit.Merchant.Received.Count);
    }

    [TestMethod]
    public async Task Shopify_failures_are_classified_and_a_store_without_a_token_is_named()
    {
        _kit.Merchant.FailNext("order", new ShopifyFault.ServerError(503));
        var transient = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(
            ToShopify(_order, [new FulfilledLine(LineId(0), 1)], Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, transient.Kind);

        var unconfigured = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor(c => c.Merchants[0].AccessToken = null).ExecuteAsync(
            ToShopify(_order, [new FulfilledLine(LineId(0), 1)], Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Permanent, unconfigured.Kind);
        StringAssert.Contains(unconfigured.Reason, "OrderSync:Merchants:N:AccessToken");
    }

    [TestMethod]
    public async Task PayPal_gets_one_tracker_per_number_on_the_capture_and_a_retry_adds_none()
    {
        var (_, captureId) = _simulators.PayPal.SeedCapturedOrder();
        var report = ToPayPal(_order, captureId, Tracking("ups", Ups, UpsOther));

        var first = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));
        var retried = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));

        var trackers = _simulators.PayPal.CurrentBatchTrackers.Where(t => t.TransactionId == captureId).ToList();
        CollectionAssert.AreEquivalent(new[] { Ups, UpsOther }, trackers.Select(t => t.TrackingNumber).ToArray());
        Assert.IsTrue(trackers.All(t => t.Carrier == "UPS" && t.Status == "SHIPPED"));
        Assert.AreEqual($"{captureId}-{Ups},{captureId}-{UpsOther}", first.Reference);
        Assert.AreEqual(first.Reference, retried.Reference);
        Assert.AreEqual(PayPalTrackingReport.RequestId(report.Id + ":batch:0"), _simulators.PayPal.RequestIds.Last(r => r.Endpoint == "trackers-batch").RequestId);
    }

    [TestMethod]
    public async Task A_PayPal_correction_cancels_the_tracker_of_the_old_number_and_adds_the_new_one()
    {
        var (_, captureId) = _simulators.PayPal.SeedCapturedOrder();
        var first = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(ToPayPal(_order, captureId, Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));

        var corrected = await _kit.Executor().ExecuteAsync(ToPayPal(_order, captureId, Tracking("UPS", UpsOther), first.Reference, revision: 1), mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual($"{captureId}-{UpsOther}", Assert.IsInstanceOfType<CommandSucceeded>(corrected).Reference);
        var trackers = _simulators.PayPal.CurrentBatchTrackers.Where(t => t.TransactionId == captureId).ToDictionary(t => t.TrackingNumber, t => t.Status);
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { [Ups] = "CANCELLED", [UpsOther] = "SHIPPED" }, trackers);
    }

    [TestMethod]
    public async Task A_PayPal_correction_of_the_carrier_alone_updates_the_tracker_in_place()
    {
        var (_, captureId) = _simulators.PayPal.SeedCapturedOrder();
        var first = Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(ToPayPal(_order, captureId, Tracking("FedEx", Ups)), mayHaveRun: true, CancellationToken.None));

        var corrected = ToPayPal(_order, captureId, Tracking("UPS", Ups), first.Reference, revision: 1);
        Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(corrected, mayHaveRun: true, CancellationToken.None));
        Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(corrected, mayHaveRun: true, CancellationToken.None));

        var tracker = _simulators.PayPal.CurrentBatchTrackers.Single(t => t.TransactionId == captureId);
        Assert.AreEqual(("UPS", "SHIPPED"), (tracker.Carrier, tracker.Status));
        var updateId = PayPalTrackingReport.RequestId($"{corrected.Id}:update:{Ups}");
        Assert.AreEqual(1, _simulators.PayPal.RequestIds.Count(r => r.Endpoint == "legacy-tracker-update" && r.RequestId == updateId), "the repeated correction sent nothing");
    }

    [TestMethod]
    public async Task PayPal_refusals_and_missing_settings_are_permanent()
    {
        var unknownCapture = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(ToPayPal(_order, "NOSUCHCAPTURE", Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual(FailureKind.Permanent, unknownCapture.Kind);
        StringAssert.Contains(unknownCapture.Reason, "PayPal refused tracking on capture NOSUCHCAPTURE");

        var noCarrier = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(ToPayPal(_order, "CAPTURE", Tracking(null, "ZX81")), mayHaveRun: true, CancellationToken.None));
        StringAssert.Contains(noCarrier.Reason, "PayPal tracking needs a carrier");

        var unconfigured = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor(withPayPal: false).ExecuteAsync(ToPayPal(_order, "CAPTURE", Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));
        Assert.AreEqual((FailureKind.Permanent, "PayPal tracking cannot be sent: OrderSync:PayPal is not configured"), (unconfigured.Kind, unconfigured.Reason));
    }

    [TestMethod]
    public void A_PayPal_request_id_over_PayPal_s_limit_is_hashed_deterministically()
    {
        var key = new string('k', 200);

        var id = PayPalTrackingReport.RequestId(key);

        Assert.AreEqual(id, PayPalTrackingReport.RequestId(key));
        Assert.IsLessThanOrEqualTo(PayPalTrackingReport.MaxRequestIdLength, id.Length);
        Assert.AreNotEqual(id, PayPalTrackingReport.RequestId(key + "x"));
        Assert.AreEqual("short", PayPalTrackingReport.RequestId("short"));
    }

    [TestMethod]
    public async Task Stripe_gets_the_tracking_with_the_command_id_as_idempotency_key_and_a_retry_writes_nothing()
    {
        _kit.StripeAccount.AddPaymentIntent("pi_exec_1");
        var report = ToStripe(_order, "pi_exec_1", Tracking("ups", Ups));

        Assert.AreEqual("pi_exec_1", Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None)).Reference);
        Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None));

        var intent = _kit.StripeAccount.PaymentIntent("pi_exec_1");
        Assert.AreEqual((1, Ups, "UPS"), (intent.Updates, intent.Shipping!.TrackingNumber, intent.Shipping.Carrier));
        Assert.AreEqual(report.Id, _kit.StripeAccount.Received.Single(r => r.Method == "POST").IdempotencyKey);
    }

    [TestMethod]
    public async Task A_Stripe_correction_replaces_the_old_number_and_keeps_another_shipment_s()
    {
        _kit.StripeAccount.AddPaymentIntent("pi_exec_2", shipping: new SimulatedShipping("Ada Lovelace", null, "DHL", $"JD014600006281230704,{Ups}",
            "1 Analytical Way", null, "London", null, "N1 9GU", "GB"));

        var outcome = await _kit.Executor().ExecuteAsync(ToStripe(_order, "pi_exec_2", Tracking("UPS", UpsOther), [Ups], revision: 1), mayHaveRun: true, CancellationToken.None);

        Assert.IsInstanceOfType<CommandSucceeded>(outcome);
        Assert.AreEqual($"JD014600006281230704,{UpsOther}", _kit.StripeAccount.PaymentIntent("pi_exec_2").Shipping!.TrackingNumber);
    }

    [TestMethod]
    public async Task A_rate_limited_Stripe_write_is_transient_with_its_retry_after()
    {
        _kit.StripeAccount.AddPaymentIntent("pi_exec_3");
        _kit.StripeAccount.FailNext("POST", new StripeFault.RateLimited(7));

        var failed = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor().ExecuteAsync(ToStripe(_order, "pi_exec_3", Tracking("UPS", Ups)), mayHaveRun: true, CancellationToken.None));

        Assert.AreEqual((FailureKind.Transient, TimeSpan.FromSeconds(7)), (failed.Kind, failed.RetryAfter));
    }

    [TestMethod]
    public async Task A_create_whose_answer_was_lost_is_transient_and_its_retry_doubles_nothing_on_any_target()
    {
        var (_, captureId) = _simulators.PayPal.SeedCapturedOrder();
        _kit.StripeAccount.AddPaymentIntent("pi_exec_lost");
        Command[] reports =
        [
            ToShopify(_order, [new FulfilledLine(LineId(0), 2)], Tracking("UPS", Ups)),
            ToPayPal(_order, captureId, Tracking("UPS", Ups)),
            ToStripe(_order, "pi_exec_lost", Tracking("UPS", Ups)),
        ];
        _kit.Merchant.FailNext("fulfillmentCreate", new ShopifyFault.StallAfterEffect(TimeSpan.FromSeconds(5)));
        _simulators.PayPal.FailNext("trackers-batch", new OrderSync.Sandbox.PayPal.PayPalFault.StallAfterEffect(TimeSpan.FromSeconds(5)));
        _kit.StripeAccount.FailNext("POST", new StripeFault.StallAfterEffect(TimeSpan.FromSeconds(5)));

        foreach (var report in reports)
        {
            var lost = Assert.IsInstanceOfType<CommandFailed>(await _kit.Executor(timeout: TimeSpan.FromSeconds(1)).ExecuteAsync(report, mayHaveRun: true, CancellationToken.None), report.Id);
            Assert.AreEqual(FailureKind.Transient, lost.Kind, report.Id);
            Assert.IsInstanceOfType<CommandSucceeded>(await _kit.Executor().ExecuteAsync(report, mayHaveRun: true, CancellationToken.None), report.Id);
        }

        Assert.AreEqual(1, _kit.Merchant.FulfillmentsOf(_merchantOrder.Id).Count);
        Assert.AreEqual(1, _simulators.PayPal.CurrentBatchTrackers.Count(t => t.TransactionId == captureId));
        Assert.AreEqual(1, _kit.StripeAccount.PaymentIntent("pi_exec_lost").Updates);
    }

    private string LineId(int index) => ShopifyIds.Numeric(_merchantOrder.LineItems[index].Id);
}
