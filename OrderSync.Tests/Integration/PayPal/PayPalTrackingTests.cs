using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Sandbox;
using OrderSync.Sandbox.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>
/// PayPal tracking against the simulator over loopback https: POST /v2/checkout/orders/{id}/track (checked against the
/// order's trackers first, so a retry never doubles a tracker), PATCH …/trackers/{tracker_id}, the legacy
/// POST /v1/shipping/trackers-batch, and how each failure is classified.
/// </summary>
[TestClass]
public sealed class PayPalTrackingTests
{
    private static PayPalSimulator _simulator = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) =>
        _simulator = await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret);

    [ClassCleanup]
    public static async Task StopAsync() => await _simulator.DisposeAsync();

    private static PayPalTracking Client(Action<PayPalOptions>? configure = null)
    {
        var options = PayPalTestSources.OnlineOptions(_simulator, "WH-TRACKING");
        configure?.Invoke(options);
        var wrapped = TestStorage.Wrap(options);
        var api = new PayPalApiClient(new HttpClient(_simulator.CreateHandler()) { Timeout = options.RequestTimeout }, wrapped, TimeProvider.System);
        var tokens = new PayPalAccessTokens(api, wrapped, TimeProvider.System);
        return new PayPalTracking(new HttpClient(_simulator.CreateHandler()) { Timeout = options.RequestTimeout }, tokens, wrapped, TimeProvider.System);
    }

    private static string Key() => "ordersync-" + Guid.NewGuid().ToString("N");


    private static int Calls(string endpoint) => _simulator.Received.Count(r => r.Endpoint == endpoint);

    [TestMethod]
    public async Task Tracking_is_added_to_the_captured_order_with_every_field_PayPal_takes()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var tracker = new PayPalOrderTracker(captureId, "443844607820", "FEDEX", NotifyPayer: true, Items: [new PayPalTrackerItem("T-Shirt", 2, "sku02")]);

        var added = await Client().AddAsync(orderId, tracker, Key(), CancellationToken.None);

        Assert.AreEqual(captureId + "443844607820", added.Id);
        Assert.AreEqual("SHIPPED", added.Status);
        Assert.IsFalse(added.AlreadyPresent);
        var held = _simulator.TrackersOf(orderId).Single();
        Assert.AreEqual(("443844607820", "FEDEX", true), (held.TrackingNumber, held.Carrier, held.NotifyPayer));
        var sent = _simulator.Received.Last(r => r.Endpoint == "track").Body!;
        Assert.AreEqual(captureId, sent["capture_id"]!.GetValue<string>());
        Assert.AreEqual("2", sent["items"]![0]!["quantity"]!.GetValue<string>(), "quantity is a string, as PayPal's schema has it");
        Assert.AreEqual("sku02", sent["items"]![0]!["sku"]!.GetValue<string>());
        Assert.IsNull(sent["carrier_name_other"]);
    }

    [TestMethod]
    public async Task An_unknown_carrier_goes_as_OTHER_with_its_name()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();

        await Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "ZX81", "OTHER", "Speedy Parcels Ltd"), Key(), CancellationToken.None);

        var held = _simulator.TrackersOf(orderId).Single();
        Assert.AreEqual(("OTHER", "Speedy Parcels Ltd"), (held.Carrier, held.CarrierNameOther));
    }

    [TestMethod]
    public async Task OTHER_without_a_carrier_name_is_refused_before_PayPal_is_called()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var before = Calls("track");

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "ZX81", "OTHER"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "carrier_name_other");
        Assert.AreEqual(before, Calls("track"));
    }

    [TestMethod]
    public async Task A_tracking_number_longer_than_64_characters_is_refused_permanently()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync(orderId, new PayPalOrderTracker(captureId, new string('9', 65), "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "64");
    }

    [TestMethod]
    public async Task Each_write_carries_its_idempotency_key_as_PayPal_Request_Id()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var key = Key();

        await Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "1Z999AA10123456784", "UPS"), key, CancellationToken.None);

        Assert.AreEqual(key, _simulator.RequestIds.Last(r => r.Endpoint == "track").RequestId);
    }

    [TestMethod]
    public async Task The_same_tracking_number_added_twice_gives_back_the_tracker_already_there()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var tracker = new PayPalOrderTracker(captureId, "9400100000000000000000", "USPS");
        var client = Client();

        var first = await client.AddAsync(orderId, tracker, Key(), CancellationToken.None);
        var second = await client.AddAsync(orderId, tracker, Key(), CancellationToken.None);

        Assert.AreEqual(first.Id, second.Id);
        Assert.IsTrue(second.AlreadyPresent);
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
    }

    [TestMethod]
    public async Task A_retried_add_whose_first_answer_was_lost_does_not_create_a_second_tracker()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var tracker = new PayPalOrderTracker(captureId, "00340434161234567890", "DHL");
        var client = Client(o => o.RequestTimeout = TimeSpan.FromMilliseconds(700));
        var key = Key();
        _simulator.FailNext("track", new PayPalFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        var lost = await PlatformFailures.FailureOf(() => client.AddAsync(orderId, tracker, key, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind, "a timeout is retried");
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count, "PayPal added it although the answer never came");

        var tracksBefore = Calls("track");
        var retried = await client.AddAsync(orderId, tracker, key, CancellationToken.None);

        Assert.IsTrue(retried.AlreadyPresent);
        Assert.AreEqual(captureId + "00340434161234567890", retried.Id);
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
        Assert.AreEqual(tracksBefore, Calls("track"), "the retry did not post again");
    }

    [TestMethod]
    public async Task A_stall_before_PayPal_acts_is_transient_and_the_retry_adds_the_tracker_once()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var tracker = new PayPalOrderTracker(captureId, "RR123456785GB", "ROYAL_MAIL");
        var client = Client(o => o.RequestTimeout = TimeSpan.FromMilliseconds(700));
        _simulator.FailNext("track", new PayPalFault.Stall(TimeSpan.FromSeconds(30)));

        Assert.AreEqual(FailureKind.Transient, (await PlatformFailures.FailureOf(() => client.AddAsync(orderId, tracker, Key(), CancellationToken.None))).Kind);
        Assert.AreEqual(0, _simulator.TrackersOf(orderId).Count);

        Assert.IsFalse((await client.AddAsync(orderId, tracker, Key(), CancellationToken.None)).AlreadyPresent);
        Assert.AreEqual(1, _simulator.TrackersOf(orderId).Count);
    }

    [TestMethod]
    public async Task A_second_shipment_of_the_same_order_is_its_own_tracker()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();

        await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "1111", "UPS"), Key(), CancellationToken.None);
        await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "2222", "UPS"), Key(), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { captureId + "1111", captureId + "2222" }, (await client.GetTrackersAsync(orderId, CancellationToken.None)).Select(t => t.Id).ToArray());
    }

    [TestMethod]
    public async Task The_authorization_id_instead_of_the_capture_id_is_a_clear_permanent_error()
    {
        _simulator.SeedCapturedOrder("3C679366HH908993F", "2GG279541U471931P", authorizationId: "0VF52814937998046");

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync("3C679366HH908993F", new PayPalOrderTracker("0VF52814937998046", "443844607820", "FEDEX"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "422");
        StringAssert.Contains(failure.Reason, "UNPROCESSABLE_ENTITY");
        StringAssert.Contains(failure.Reason, "CAPTURE_ID_NOT_FOUND");
        StringAssert.Contains(failure.Reason, "not of its authorization");
        StringAssert.Contains(failure.Reason, "debug_id");
        Assert.AreEqual(0, _simulator.TrackersOf("3C679366HH908993F").Count);
    }

    [TestMethod]
    public async Task An_order_that_was_never_captured_is_refused_permanently()
    {
        _simulator.SeedUncapturedOrder("7XN02467AB1234567", authorizationId: "9AB12345CD6789012");

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync("7XN02467AB1234567", new PayPalOrderTracker("9AB12345CD6789012", "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "CAPTURE_ID_NOT_FOUND");
    }

    [TestMethod]
    public async Task A_capture_that_is_not_completed_is_refused_permanently_with_the_issue()
    {
        _simulator.SeedCapturedOrder("1AB23456CD7890123", "4CD56789EF0123456", captureStatus: "PENDING", orderStatus: "COMPLETED");

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync("1AB23456CD7890123", new PayPalOrderTracker("4CD56789EF0123456", "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "CAPTURE_STATUS_NOT_VALID");
    }

    [TestMethod]
    public async Task An_unknown_order_is_a_permanent_resource_not_found()
    {
        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync("NOSUCHORDER000001", new PayPalOrderTracker("8MC585209K746392H", "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "RESOURCE_NOT_FOUND");
    }

    [TestMethod]
    public async Task Rate_limiting_is_transient_and_carries_Retry_After()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        _simulator.FailNext("track", new PayPalFault.RateLimited(7));

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.AreEqual(0, _simulator.TrackersOf(orderId).Count);
    }

    [TestMethod]
    [DataRow("track", 500)]
    [DataRow("track", 503)]
    [DataRow("order", 502)]
    public async Task A_server_error_is_transient(string endpoint, int status)
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        _simulator.FailNext(endpoint, new PayPalFault.ServerError(status));

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, status.ToString());
    }

    [TestMethod]
    [DataRow("track")]
    [DataRow("order")]
    public async Task An_answer_that_is_not_JSON_is_transient(string endpoint)
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        _simulator.FailNext(endpoint, new PayPalFault.MalformedBody());

        var failure = await PlatformFailures.FailureOf(() => Client().AddAsync(orderId, new PayPalOrderTracker(captureId, "1234", "UPS"), Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    public async Task A_refused_token_is_replaced_once_and_the_call_goes_through()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        await client.GetTrackersAsync(orderId, CancellationToken.None); // token in hand
        _simulator.RevokeTokens();
        var tokensBefore = Calls("token");

        var added = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "1234", "UPS"), Key(), CancellationToken.None);

        Assert.AreEqual(captureId + "1234", added.Id);
        Assert.AreEqual(tokensBefore + 1, Calls("token"));
    }

    [TestMethod]
    public async Task A_token_refused_again_after_the_refresh_is_permanent()
    {
        var (orderId, _) = _simulator.SeedCapturedOrder();
        var client = Client();
        var tokensBefore = Calls("token");
        _simulator.RefuseBearerTokens = true;
        try
        {
            var failure = await PlatformFailures.FailureOf(() => client.GetTrackersAsync(orderId, CancellationToken.None));

            Assert.AreEqual(FailureKind.Permanent, failure.Kind);
            StringAssert.Contains(failure.Reason, "401");
            Assert.AreEqual(tokensBefore + 2, Calls("token"), "the first token, then one refresh, and no more");
        }
        finally
        {
            _simulator.RefuseBearerTokens = false;
        }
    }

    [TestMethod]
    public async Task Wrong_client_credentials_are_permanent()
    {
        var (orderId, _) = _simulator.SeedCapturedOrder();

        var failure = await PlatformFailures.FailureOf(() => Client(o => o.ClientSecret = "wrong").GetTrackersAsync(orderId, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
    }

    [TestMethod]
    public async Task An_unreachable_PayPal_is_transient()
    {
        var client = Client(o => o.ApiBaseUrl = new Uri($"https://127.0.0.1:{LoopbackPorts.Free()}/"));

        Assert.AreEqual(FailureKind.Transient, (await PlatformFailures.FailureOf(() => client.GetTrackersAsync("5O190127TN364715T", CancellationToken.None))).Kind);
    }

    [TestMethod]
    public async Task A_tracker_is_cancelled_with_a_JSON_patch_on_its_status()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        var added = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "5555", "UPS"), Key(), CancellationToken.None);
        var key = Key();

        await client.CancelTrackerAsync(orderId, added.Id, key, CancellationToken.None);

        Assert.AreEqual("CANCELLED", (await client.GetTrackersAsync(orderId, CancellationToken.None)).Single().Status);
        Assert.AreEqual(key, _simulator.RequestIds.Last(r => r.Endpoint == "tracker").RequestId);
    }

    [TestMethod]
    public async Task A_wrong_tracking_number_is_replaced_by_cancelling_its_tracker_and_adding_the_right_one()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        var wrong = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "WRONG1", "UPS"), Key(), CancellationToken.None);

        await client.CancelTrackerAsync(orderId, wrong.Id, Key(), CancellationToken.None);
        var right = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "RIGHT1", "UPS"), Key(), CancellationToken.None);

        var trackers = await client.GetTrackersAsync(orderId, CancellationToken.None);
        Assert.AreEqual("CANCELLED", trackers.Single(t => t.Id == wrong.Id).Status);
        Assert.AreEqual("SHIPPED", trackers.Single(t => t.Id == right.Id).Status);
    }

    [TestMethod]
    public async Task Notify_payer_and_items_are_patched()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        var added = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "6666", "UPS"), Key(), CancellationToken.None);

        await client.UpdateTrackerAsync(orderId, added.Id,
            [PayPalTrackerPatch.NotifyPayer(true), new PayPalTrackerPatch("replace", "/items", new JsonArray(new JsonObject { ["name"] = "Mug", ["quantity"] = "1", ["sku"] = "MUG-1" }))],
            Key(), CancellationToken.None);

        var held = _simulator.TrackersOf(orderId).Single();
        Assert.IsTrue(held.NotifyPayer);
        Assert.AreEqual("MUG-1", held.Items![0]!["sku"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Patching_what_PayPal_does_not_patch_is_permanent()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        var added = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "7777", "UPS"), Key(), CancellationToken.None);

        var failure = await PlatformFailures.FailureOf(() => client.UpdateTrackerAsync(orderId, added.Id, [new PayPalTrackerPatch("replace", "/tracking_number", JsonValue.Create("8888"))], Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "NOT_PATCHABLE");
        Assert.AreEqual("7777", _simulator.TrackersOf(orderId).Single().TrackingNumber);
    }

    [TestMethod]
    public async Task Patching_an_unknown_tracker_is_a_permanent_resource_not_found()
    {
        var (orderId, _) = _simulator.SeedCapturedOrder();

        var failure = await PlatformFailures.FailureOf(() => Client().CancelTrackerAsync(orderId, "NOSUCHTRACKER", Key(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "RESOURCE_NOT_FOUND");
    }

    [TestMethod]
    public async Task A_server_error_on_patch_is_transient()
    {
        var (orderId, captureId) = _simulator.SeedCapturedOrder();
        var client = Client();
        var added = await client.AddAsync(orderId, new PayPalOrderTracker(captureId, "9999", "UPS"), Key(), CancellationToken.None);
        _simulator.FailNext("tracker", new PayPalFault.ServerError(500));

        Assert.AreEqual(FailureKind.Transient, (await PlatformFailures.FailureOf(() => client.CancelTrackerAsync(orderId, added.Id, Key(), CancellationToken.None))).Kind);
        Assert.AreEqual("SHIPPED", _simulator.TrackersOf(orderId).Single().Status);
    }

    [TestMethod]
    public async Task The_legacy_batch_adds_shipped_trackers_by_transaction_id()
    {
        var (_, first) = _simulator.SeedCapturedOrder();
        var (_, second) = _simulator.SeedCapturedOrder();
        var key = Key();

        var result = await Client().AddBatchAsync(
            [new PayPalBatchTracker(first, "443844607820", "FEDEX"), new PayPalBatchTracker(second, "ZX81", "OTHER", "Speedy Parcels Ltd")], key, mayHaveRun: false, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { (first, "443844607820"), (second, "ZX81") }, result.Added.Select(a => (a.TransactionId, a.TrackingNumber)).ToArray());
        Assert.AreEqual(0, result.Errors.Count);
        var held = _simulator.BatchTrackers.Where(t => t.TransactionId == second).Single();
        Assert.AreEqual(("SHIPPED", "OTHER", "Speedy Parcels Ltd"), (held.Status, held.Carrier, held.CarrierNameOther));
        Assert.AreEqual(key, _simulator.RequestIds.Last(r => r.Endpoint == "trackers-batch").RequestId);
    }

    [TestMethod]
    public async Task A_first_run_sends_the_batch_without_reading_each_tracker_first()
    {
        var (_, capture) = _simulator.SeedCapturedOrder();
        var (reads, batches) = (Calls("legacy-tracker"), Calls("trackers-batch"));

        await Client().AddBatchAsync([new PayPalBatchTracker(capture, "D1", "UPS")], Key(), mayHaveRun: false, CancellationToken.None);

        Assert.AreEqual((reads, batches + 1), (Calls("legacy-tracker"), Calls("trackers-batch")));
        Assert.AreEqual(1, _simulator.BatchTrackers.Count(t => t.TransactionId == capture));
    }

    [TestMethod]
    public async Task The_batch_reports_the_trackers_PayPal_refused_alongside_those_it_added()
    {
        var (_, known) = _simulator.SeedCapturedOrder();

        var result = await Client().AddBatchAsync(
            [new PayPalBatchTracker(known, "1010", "UPS"), new PayPalBatchTracker("UNKNOWNTXN0000001", "2020", "UPS")], Key(), mayHaveRun: false, CancellationToken.None);

        Assert.AreEqual(known, result.Added.Single().TransactionId);
        Assert.AreEqual("INVALID_PARAMETER_VALUE", result.Errors.Single().Issues.Single());
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(21)]
    public async Task The_batch_takes_1_to_20_trackers(int count)
    {
        var trackers = Enumerable.Range(0, count).Select(i => new PayPalBatchTracker("8MC585209K746392H", $"T{i}", "UPS")).ToList();

        await Assert.ThrowsExactlyAsync<ArgumentOutOfRangeException>(() => Client().AddBatchAsync(trackers, Key(), mayHaveRun: false, CancellationToken.None));
    }

    [TestMethod]
    public async Task Rate_limiting_on_the_batch_is_transient()
    {
        var (_, capture) = _simulator.SeedCapturedOrder();
        _simulator.FailNext("trackers-batch", new PayPalFault.RateLimited(2));

        var failure = await PlatformFailures.FailureOf(() => Client().AddBatchAsync([new PayPalBatchTracker(capture, "1", "UPS")], Key(), mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual((FailureKind.Transient, TimeSpan.FromSeconds(2)), (failure.Kind, failure.RetryAfter));
    }

    [TestMethod]
    public async Task A_retried_batch_whose_first_answer_was_lost_adds_nothing_twice()
    {
        var (_, first) = _simulator.SeedCapturedOrder();
        var (_, second) = _simulator.SeedCapturedOrder();
        var client = Client(o => o.RequestTimeout = TimeSpan.FromMilliseconds(700));
        var key = Key();
        _simulator.FailNext("trackers-batch", new PayPalFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        Assert.AreEqual(FailureKind.Transient, (await PlatformFailures.FailureOf(() => client.AddBatchAsync([new PayPalBatchTracker(first, "A1", "UPS")], key, mayHaveRun: false, CancellationToken.None))).Kind);
        Assert.AreEqual(1, _simulator.BatchTrackers.Count(t => t.TransactionId == first), "PayPal added it although the answer never came");

        var result = await client.AddBatchAsync([new PayPalBatchTracker(first, "A1", "UPS"), new PayPalBatchTracker(second, "B1", "UPS")], key, mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(1, _simulator.BatchTrackers.Count(t => t.TransactionId == first));
        Assert.AreEqual(1, _simulator.BatchTrackers.Count(t => t.TransactionId == second));
        CollectionAssert.AreEqual(new[] { (first, true), (second, false) }, result.Added.Select(a => (a.TransactionId, a.AlreadyPresent)).ToArray());
        Assert.AreEqual(second, _simulator.Received.Last(r => r.Endpoint == "trackers-batch").Body!["trackers"]!.AsArray().Single()!["transaction_id"]!.GetValue<string>(),
            "only the tracker PayPal did not have was sent");
    }

    [TestMethod]
    public async Task A_batch_whose_trackers_PayPal_all_holds_is_not_sent()
    {
        var (_, capture) = _simulator.SeedCapturedOrder();
        var client = Client();
        await client.AddBatchAsync([new PayPalBatchTracker(capture, "C1", "UPS")], Key(), mayHaveRun: false, CancellationToken.None);
        var before = Calls("trackers-batch");

        var again = await client.AddBatchAsync([new PayPalBatchTracker(capture, "C1", "UPS")], Key(), mayHaveRun: true, CancellationToken.None);

        Assert.IsTrue(again.Added.Single().AlreadyPresent);
        Assert.AreEqual(before, Calls("trackers-batch"));
    }
}
