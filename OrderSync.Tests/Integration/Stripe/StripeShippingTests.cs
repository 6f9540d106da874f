using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Stripe;
using OrderSync.Sandbox.Stripe;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;

namespace OrderSync.Tests.Integration.Stripe;

/// <summary>Setting tracking on a PaymentIntent with Stripe.net, against the Stripe simulator over real loopback HTTP.</summary>
[TestClass]
public sealed class StripeShippingTests
{
    private const string PaymentIntentId = "pi_3Test0001";
    private const string Key = "stripe-tracking:merchant.myshopify.com:1001:vendor-a:shipment-1";
    private static StripeSimulator _simulator = null!;
    private string _apiKey = null!;
    private SimulatedStripeAccount _account = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulator = await TestSimulators.StripeAsync();

    [TestInitialize]
    public void NewAccount()
    {
        _apiKey = $"sk_test_{Guid.NewGuid():N}";
        _account = _simulator.AddAccount(_apiKey);
        _account.AddPaymentIntent(PaymentIntentId);
    }

    [TestMethod]
    public async Task Tracking_is_set_with_name_address_carrier_and_the_idempotency_key()
    {
        var outcome = await Client().SetTrackingAsync(Update("1Z999AA10123456784"), Key, CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.Written, outcome);
        var shipping = _account.PaymentIntent(PaymentIntentId).Shipping!;
        Assert.AreEqual("Ada Lovelace", shipping.Name);
        Assert.AreEqual("UPS", shipping.Carrier);
        Assert.AreEqual("1Z999AA10123456784", shipping.TrackingNumber);
        Assert.AreEqual("1 Analytical Way", shipping.Line1);
        Assert.AreEqual("London", shipping.City);
        Assert.AreEqual("N1 9GU", shipping.PostalCode);
        Assert.AreEqual("GB", shipping.Country);
        Assert.AreEqual("+44 20 7946 0000", shipping.Phone);

        var write = _account.Received.Single(r => r.Method == "POST");
        Assert.AreEqual($"/v1/payment_intents/{PaymentIntentId}", write.Path);
        Assert.AreEqual(Key, write.IdempotencyKey);
        Assert.IsFalse(string.IsNullOrEmpty(write.StripeVersion), "Stripe.net pins Stripe-Version");
        Assert.AreEqual("1Z999AA10123456784", write.Form["shipping[tracking_number]"]);
        Assert.AreEqual("1 Analytical Way", write.Form["shipping[address][line1]"]);
        Assert.AreEqual("GET", _account.Received[0].Method, "the PaymentIntent is read before it is written");
    }

    [TestMethod]
    public async Task A_correction_replaces_the_numbers_it_names_and_keeps_those_of_other_shipments()
    {
        await Client().SetTrackingAsync(Update("OTHER-SHIPMENT", "WRONG-1"), Key, CancellationToken.None);

        var outcome = await Client().SetTrackingAsync(Update("RIGHT-1") with { Replaces = ["WRONG-1"] }, Key + ":r1", CancellationToken.None);
        var again = await Client().SetTrackingAsync(Update("RIGHT-1") with { Replaces = ["WRONG-1"] }, Key + ":r1", CancellationToken.None);

        Assert.AreEqual((StripeTrackingOutcome.Written, StripeTrackingOutcome.AlreadyPresent), (outcome, again));
        Assert.AreEqual("OTHER-SHIPMENT,RIGHT-1", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
    }

    [TestMethod]
    public async Task Several_tracking_numbers_are_sent_comma_separated()
    {
        await Client().SetTrackingAsync(Update("TRACK-A", " TRACK-B ", "TRACK-A"), Key, CancellationToken.None);

        Assert.AreEqual("TRACK-A,TRACK-B", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
    }

    [TestMethod]
    public async Task A_second_shipment_keeps_the_first_shipments_tracking_number()
    {
        await Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);
        await Client().SetTrackingAsync(Update("TRACK-B"), Key.Replace("shipment-1", "shipment-2"), CancellationToken.None);

        Assert.AreEqual("TRACK-A,TRACK-B", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
        Assert.AreEqual(2, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    public async Task A_first_run_told_what_to_keep_writes_without_reading_the_PaymentIntent()
    {
        await Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);

        var outcome = await Client().SetTrackingAsync(Update("TRACK-B") with { Keeps = ["TRACK-A"] }, Key.Replace("shipment-1", "shipment-2"), CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.Written, outcome);
        Assert.AreEqual("TRACK-A,TRACK-B", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
        CollectionAssert.AreEqual(new[] { "GET", "POST", "POST" }, _account.Received.Select(r => r.Method).ToArray(), "the second write read nothing first");
    }

    [TestMethod]
    public async Task A_retry_after_the_answer_was_lost_writes_nothing_twice()
    {
        _account.FailNext("POST", new StripeFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        var lost = await FailureOf(() => Client(TimeSpan.FromMilliseconds(700)).SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);
        StringAssert.Contains(lost.Reason, "in time");
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates, "the first attempt took effect");

        var retry = await Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.AlreadyPresent, retry);
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
        Assert.AreEqual(1, _account.Received.Count(r => r.Method == "POST"), "the retry read the PaymentIntent and sent no write");
        Assert.AreEqual("TRACK-A", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
    }

    [TestMethod]
    public async Task A_retry_after_Stripe_pruned_the_idempotency_key_writes_nothing_twice()
    {
        await Client().SetTrackingAsync(Update("TRACK-A", "TRACK-B"), Key, CancellationToken.None);
        _account.PruneIdempotencyKeys();

        var retry = await Client().SetTrackingAsync(Update("TRACK-B", "TRACK-A"), Key, CancellationToken.None);

        Assert.AreEqual(StripeTrackingOutcome.AlreadyPresent, retry);
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
        Assert.AreEqual(1, _account.Received.Count(r => r.Method == "POST"));
    }

    [TestMethod]
    public async Task A_PaymentIntent_that_does_not_exist_is_permanent_with_Stripes_message()
    {
        var failure = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A") with { PaymentIntentId = "pi_missing" }, Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "404");
        StringAssert.Contains(failure.Reason, "invalid_request_error resource_missing: No such payment_intent: 'pi_missing'");
        Assert.AreEqual(0, _account.Received.Count(r => r.Method == "POST"));
    }

    [TestMethod]
    [DataRow("GET")]
    [DataRow("POST")]
    public async Task HTTP_429_is_transient_and_honours_Retry_After(string method)
    {
        _account.FailNext(method, new StripeFault.RateLimited(7));

        var failure = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
        StringAssert.Contains(failure.Reason, "rate limited");
        Assert.AreEqual(0, _account.PaymentIntent(PaymentIntentId).Updates);
        Assert.AreEqual(1, _account.Received.Count(r => r.Status == 429), "Stripe.net did not retry on its own");
    }

    [TestMethod]
    [DataRow(500)]
    [DataRow(503)]
    public async Task A_server_error_is_transient_and_not_retried_inside_Stripe_net(int status)
    {
        _account.FailNext("POST", new StripeFault.ServerError(status));

        var failure = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, status.ToString());
        StringAssert.Contains(failure.Reason, "api_error");
        Assert.AreEqual(1, _account.Received.Count(r => r.Method == "POST"), "maxNetworkRetries is 0: OrderSync's policy retries");

        Assert.AreEqual(StripeTrackingOutcome.Written, await Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    public async Task A_500_Stripe_saved_for_the_key_is_replayed_until_the_key_is_pruned()
    {
        // Known limit: Stripe replays a saved 500 to the same key for up to 24 h; each retry stays transient and writes nothing.
        _account.FailNext("POST", new StripeFault.SavedServerError());

        var first = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));
        var retry = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, first.Kind);
        Assert.AreEqual(FailureKind.Transient, retry.Kind);
        Assert.IsTrue(_account.Received.Last(r => r.Method == "POST").Replayed);
        Assert.AreEqual(0, _account.PaymentIntent(PaymentIntentId).Updates);

        _account.PruneIdempotencyKeys();
        Assert.AreEqual(StripeTrackingOutcome.Written, await Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    public async Task A_write_while_another_with_the_same_key_is_in_progress_is_transient()
    {
        _account.FailNext("POST", new StripeFault.StallBeforeEffect(TimeSpan.FromSeconds(2)));
        using var http = new HttpClient();
        var first = http.SendAsync(Post(Key, ("shipping[name]", "Ada Lovelace"), ("shipping[address][line1]", "1 Analytical Way"), ("shipping[tracking_number]", "TRACK-A")));
        await Eventually.GetAsync(() => Task.FromResult(_account.IsInProgress(Key)), busy => busy, "the first write to arrive", TimeSpan.FromSeconds(10));

        var failure = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "409");
        Assert.AreEqual(HttpStatusCode.OK, (await first).StatusCode);
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    public async Task A_reply_slower_than_the_timeout_is_transient()
    {
        _account.FailNext("GET", new StripeFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
        Assert.AreEqual(0, _account.PaymentIntent(PaymentIntentId).Updates);
    }

    [TestMethod]
    [DataRow("GET")]
    [DataRow("POST")]
    public async Task A_body_that_is_not_JSON_is_transient(string method)
    {
        _account.FailNext(method, new StripeFault.MalformedBody());

        var failure = await FailureOf(() => Client().SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not a Stripe object");
    }

    [TestMethod]
    public async Task An_unreachable_API_is_transient()
    {
        var client = Client(apiBase: new Uri($"http://127.0.0.1:{Sandbox.LoopbackPorts.Free()}"));

        var failure = await FailureOf(() => client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "could not be reached");
    }

    [TestMethod]
    public async Task A_wrong_API_key_is_permanent_and_never_shown()
    {
        var failure = await FailureOf(() => Client(apiKey: "sk_test_wrongwrongwrong1234").SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "401");
        Assert.IsFalse(failure.Reason.Contains("wrongwrongwrong"), failure.Reason);
    }

    [TestMethod]
    public async Task Without_an_API_key_setting_tracking_is_permanent_and_names_the_setting()
    {
        var client = new StripeShipping(new HttpClient(), TestStorage.Wrap(new StripeOptions { ApiBase = _simulator.BaseUrl }), TimeProvider.System);

        var failure = await FailureOf(() => client.SetTrackingAsync(Update("TRACK-A"), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "OrderSync:Stripe:ApiKey");
        Assert.IsEmpty(_account.Received);
    }

    [TestMethod]
    public async Task An_address_without_a_name_or_first_line_is_permanent_and_nothing_is_sent()
    {
        var noName = Update("TRACK-A") with { ShipTo = ShipTo() with { FirstName = null, LastName = " ", Company = null } };
        var noLine = Update("TRACK-A") with { ShipTo = ShipTo() with { Address1 = "" } };

        StringAssert.Contains((await FailureOf(() => Client().SetTrackingAsync(noName, Key, CancellationToken.None))).Reason, "recipient name");
        StringAssert.Contains((await FailureOf(() => Client().SetTrackingAsync(noLine, Key, CancellationToken.None))).Reason, "address");
        Assert.IsEmpty(_account.Received);
    }

    // The simulator itself, as Stripe documents idempotency (docs.stripe.com/idempotency).

    [TestMethod]
    public async Task The_simulator_replays_the_first_result_to_the_same_key_and_parameters()
    {
        using var http = new HttpClient();
        var first = await http.SendAsync(Post(Key, ("shipping[name]", "Ada"), ("shipping[address][line1]", "1 Way"), ("shipping[tracking_number]", "T1")));
        var again = await http.SendAsync(Post(Key, ("shipping[name]", "Ada"), ("shipping[address][line1]", "1 Way"), ("shipping[tracking_number]", "T1")));

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.AreEqual(1, _account.PaymentIntent(PaymentIntentId).Updates);
        Assert.IsTrue(_account.Received[1].Replayed);
    }

    [TestMethod]
    public async Task The_simulator_answers_idempotency_error_to_the_same_key_with_other_parameters()
    {
        using var http = new HttpClient();
        await http.SendAsync(Post(Key, ("shipping[name]", "Ada"), ("shipping[address][line1]", "1 Way"), ("shipping[tracking_number]", "T1")));
        var other = await http.SendAsync(Post(Key, ("shipping[name]", "Ada"), ("shipping[address][line1]", "1 Way"), ("shipping[tracking_number]", "T2")));

        Assert.AreEqual(HttpStatusCode.BadRequest, other.StatusCode);
        StringAssert.Contains(await other.Content.ReadAsStringAsync(), "\"type\":\"idempotency_error\"");
        Assert.AreEqual("T1", _account.PaymentIntent(PaymentIntentId).Shipping!.TrackingNumber);
    }

    [TestMethod]
    public async Task The_simulator_requires_a_name_with_shipping_and_accepts_Basic_auth()
    {
        using var http = new HttpClient();
        var request = Post(null, ("shipping[address][line1]", "1 Way"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_apiKey}:")));
        var answer = await http.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        StringAssert.Contains(body, "\"code\":\"parameter_missing\"");
        StringAssert.Contains(body, "\"param\":\"shipping[name]\"");
    }

    private HttpRequestMessage Post(string? idempotencyKey, params (string Name, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_simulator.BaseUrl, $"v1/payment_intents/{PaymentIntentId}"))
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private StripeShipping Client(TimeSpan? timeout = null, string? apiKey = null, Uri? apiBase = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
            TestStorage.Wrap(new StripeOptions { ApiKey = apiKey ?? _apiKey, ApiBase = apiBase ?? _simulator.BaseUrl }),
            TimeProvider.System);

    private static Address ShipTo() => new("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", "+44 20 7946 0000");

    private static StripeTrackingUpdate Update(params string[] numbers) => new(PaymentIntentId, ShipTo(), "UPS", numbers);

}
