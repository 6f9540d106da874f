using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Policy;
using OrderSync.Sandbox.ShipHero;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;
using static OrderSync.Tests.Support.VendorOrderDrafts;

namespace OrderSync.Tests.Integration.ShipHero;

/// <summary>The ShipHero client against the ShipHero simulator, over real loopback HTTP.</summary>
[TestClass]
public sealed class ShipHeroVendorOrdersTests
{
    private ShipHeroSimulator _simulator = null!;
    private FakeTimeProvider _time = null!;
    private ShipHeroTokens _tokens = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        _simulator = await ShipHeroSimulator.StartAsync(time: _time);
        _tokens = new ShipHeroTokens(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, _time);
    }

    [TestCleanup]
    public async Task StopAsync() => await _simulator.DisposeAsync();

    [TestMethod]
    public async Task An_order_is_created_with_the_merchant_order_key_as_partner_order_id()
    {
        var created = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);

        var order = _simulator.Orders.Single();
        Assert.AreEqual(order.Id, created.Id);
        Assert.AreEqual("#1001", created.Name);
        Assert.AreEqual("merchant.myshopify.com/1001", order.PartnerOrderId);
        var line = order.Input["line_items"]![0]!;
        Assert.AreEqual("VENDOR-SKU-1", line["sku"]!.GetValue<string>());
        Assert.AreEqual(2, line["quantity"]!.GetValue<int>());
        Assert.AreEqual("12.50", line["price"]!.GetValue<string>());
        Assert.AreEqual("merchant.myshopify.com/1001/11", line["partner_line_item_id"]!.GetValue<string>());
        var address = order.Input["shipping_address"]!;
        Assert.AreEqual("1 Analytical Way", address["address1"]!.GetValue<string>());
        Assert.AreEqual("GB", address["country_code"]!.GetValue<string>());
        Assert.AreEqual("ada@example.com", order.Input["email"]!.GetValue<string>());
        Assert.AreEqual("leave at the door", order.Input["packing_note"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_retry_finds_the_order_instead_of_creating_another()
    {
        var first = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);
        var second = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);

        Assert.AreEqual(first, second);
        Assert.AreEqual(1, _simulator.Orders.Count);
        Assert.AreEqual(1, _simulator.Received.Count(r => r.Field == "order_create"));
    }

    [TestMethod]
    public async Task A_create_whose_answer_was_lost_is_not_created_twice_on_retry()
    {
        _simulator.FailNext("order_create", new ShipHeroFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        var lost = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateAsync(Account(), Draft(), CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);
        await WaitUntilAsync(() => _simulator.Orders.Count == 1);

        var retried = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);

        Assert.AreEqual(1, _simulator.Orders.Count);
        Assert.AreEqual(_simulator.Orders[0].Id, retried.Id);
        Assert.AreEqual(1, _simulator.Received.Count(r => r.Field == "order_create"));
    }

    [TestMethod]
    public async Task Another_merchant_order_is_another_vendor_order()
    {
        await Client().CreateAsync(Account(), Draft(), CancellationToken.None);
        await Client().CreateAsync(Account(), Draft("1002"), CancellationToken.None);

        Assert.AreEqual(2, _simulator.Orders.Count);
    }

    [TestMethod]
    public async Task Update_sends_the_new_address_and_contact()
    {
        var created = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);
        var moved = new Address("Ada", "Lovelace", null, "2 Engine Street", null, "Manchester", null, "GB", "M1 1AA", "+44 161 000");

        await Client().UpdateAsync(Account(), created.Id, moved, new Customer("Ada", "Lovelace", "ada@new.example", null), "ring twice", CancellationToken.None);

        var update = _simulator.Orders.Single().Updates.Single();
        Assert.AreEqual(created.Id, update["order_id"]!.GetValue<string>());
        Assert.AreEqual("2 Engine Street", update["shipping_address"]!["address1"]!.GetValue<string>());
        Assert.AreEqual("ada@new.example", update["email"]!.GetValue<string>());
        Assert.AreEqual("ring twice", update["packing_note"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Cancel_cancels_the_order_with_the_reason()
    {
        var created = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);

        await Client().CancelAsync(Account(), created.Id, "customer cancelled", CancellationToken.None);

        Assert.IsTrue(_simulator.Orders.Single().Cancelled);
        Assert.AreEqual("customer cancelled", _simulator.Orders.Single().CancelReason);
    }

    [TestMethod]
    public async Task Updating_or_cancelling_an_order_ShipHero_does_not_have_is_permanent()
    {
        var update = await FailureOf(() => Client().UpdateAsync(Account(), "T3JkZXI6bm9uZQ==", null, null, "x", CancellationToken.None));
        var cancel = await FailureOf(() => Client().CancelAsync(Account(), "T3JkZXI6bm9uZQ==", null, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, update.Kind);
        StringAssert.Contains(update.Reason, "Order not found");
        Assert.AreEqual(FailureKind.Permanent, cancel.Kind);
    }

    [TestMethod]
    public async Task Shipments_are_read_with_tracking_carrier_and_lines()
    {
        var created = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);
        var first = _simulator.Ship(created.Id, "UPS", ["1Z999AA10123456784"], ("li-1", "VENDOR-SKU-1", 1));
        var second = _simulator.Ship(created.Id, "UPS", ["1Z999AA10123456785", "1Z999AA10123456786"], ("li-1", "VENDOR-SKU-1", 1));

        var shipments = await Client().ShipmentsAsync(Account(), created.Id, CancellationToken.None);

        Assert.AreEqual(2, shipments.Length);
        Assert.AreEqual(first, shipments[0].ShipmentId);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, shipments[0].TrackingNumbers.ToArray());
        Assert.AreEqual("UPS", shipments[0].Carrier);
        Assert.AreEqual("https://track.example/UPS/1Z999AA10123456784", shipments[0].TrackingUrls.Single());
        Assert.AreEqual(new ShippedLine("li-1", "VENDOR-SKU-1", 1), shipments[0].Lines.Single());
        Assert.AreEqual(_time.GetUtcNow(), shipments[0].ShippedAt);
        Assert.AreEqual(second, shipments[1].ShipmentId);
        Assert.AreEqual(2, shipments[1].TrackingNumbers.Length);
    }

    [TestMethod]
    public async Task An_order_without_shipments_answers_none()
    {
        var created = await Client().CreateAsync(Account(), Draft(), CancellationToken.None);

        Assert.AreEqual(0, (await Client().ShipmentsAsync(Account(), created.Id, CancellationToken.None)).Length);
    }

    [TestMethod]
    public async Task Not_enough_credits_is_transient_with_the_wait_ShipHero_names()
    {
        _simulator.FailNext("order_create", new ShipHeroFault.NotEnoughCredits(7));

        var failure = await FailureOf(() => Client().CreateAsync(Account(), Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
        StringAssert.Contains(failure.Reason, "credits");
        Assert.AreEqual(0, _simulator.Orders.Count);
    }

    [TestMethod]
    [DataRow("There are not enough credits to perform the requested operation. Try again in 3 seconds", 30, 3)]
    [DataRow("Not enough credits: try again in 3 seconds", 99, 3)]
    [DataRow("There are not enough credits to perform the requested operation", 30, 2)]
    [DataRow("Request throttled", 0, 2)]
    public async Task A_credit_error_is_recognised_by_its_code_or_its_message(string message, int code, int seconds)
    {
        _simulator.FailNext("orders", new ShipHeroFault.OperationError(message, code));

        var failure = await FailureOf(() => Client().FindAsync(Account(), "a/1", CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), failure.RetryAfter);
    }

    [TestMethod]
    public async Task The_credit_error_codes_are_configurable()
    {
        _simulator.FailNext("orders", new ShipHeroFault.OperationError("quota exhausted", 42));
        var client = new ShipHeroVendorOrders(new ShipHeroGraphQlClient(new HttpClient(), _tokens,
            TestStorage.Wrap(new ShipHeroOptions { ThrottleErrorCodes = [42] }), _time));

        var failure = await FailureOf(() => client.FindAsync(Account(), "a/1", CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
    }

    [TestMethod]
    public async Task Rate_limiting_is_transient_and_honours_Retry_After()
    {
        _simulator.FailNext("orders", new ShipHeroFault.RateLimited(12));

        var failure = await FailureOf(() => Client().CreateAsync(Account(), Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(12), failure.RetryAfter);
    }

    [TestMethod]
    [DataRow(500)]
    [DataRow(502)]
    [DataRow(503)]
    public async Task A_server_error_is_transient(int status)
    {
        _simulator.FailNext("order_create", new ShipHeroFault.ServerError(status));

        var failure = await FailureOf(() => Client().CreateAsync(Account(), Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, status.ToString());
    }

    [TestMethod]
    public async Task A_body_that_is_not_JSON_is_transient()
    {
        _simulator.FailNext("shipments", new ShipHeroFault.MalformedBody());

        var failure = await FailureOf(() => Client().ShipmentsAsync(Account(), "T3JkZXI6MQ==", CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    public async Task A_reply_slower_than_the_timeout_is_transient_and_nothing_was_created()
    {
        _simulator.FailNext("order_create", new ShipHeroFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateAsync(Account(), Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
        Assert.AreEqual(0, _simulator.Orders.Count);
    }

    [TestMethod]
    public async Task An_operation_error_is_permanent_and_carries_ShipHeros_message()
    {
        _simulator.FailNext("order_create", new ShipHeroFault.OperationError("Invalid country code"));

        var failure = await FailureOf(() => Client().CreateAsync(Account(), Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "Invalid country code");
    }

    [TestMethod]
    public async Task An_unreachable_API_is_transient()
    {
        var account = Account() with { ApiBaseUrl = new Uri($"http://127.0.0.1:{Sandbox.LoopbackPorts.Free()}/") };

        var failure = await FailureOf(() => Client().CreateAsync(account, Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
    }

    [TestMethod]
    public async Task The_token_is_fetched_once_and_reused()
    {
        await Client().CreateAsync(Account(), Draft(), CancellationToken.None);
        await Client().CreateAsync(Account(), Draft("1002"), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "token" }, _simulator.AuthCalls.ToArray());
    }

    [TestMethod]
    public async Task Concurrent_calls_share_one_token_request()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Client().FindAsync(Account(), $"merchant.myshopify.com/{i}", CancellationToken.None)));

        Assert.AreEqual(1, _simulator.AuthCalls.Count);
    }

    [TestMethod]
    public async Task The_token_is_refreshed_before_it_expires()
    {
        _simulator.TokenLifetime = TimeSpan.FromHours(1);
        await Client().FindAsync(Account(), "a/1", CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(50));
        await Client().FindAsync(Account(), "a/1", CancellationToken.None);
        Assert.AreEqual(1, _simulator.AuthCalls.Count, "ten minutes before expiry the token is still used");

        _time.Advance(TimeSpan.FromMinutes(6));
        await Client().FindAsync(Account(), "a/1", CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "token", "refresh" }, _simulator.AuthCalls.ToArray());
    }

    [TestMethod]
    public async Task A_configured_refresh_token_is_used_without_a_password()
    {
        var account = Account() with { Username = null, Password = null, RefreshToken = _simulator.IssueRefreshToken() };

        await Client().CreateAsync(account, Draft(), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "refresh" }, _simulator.AuthCalls.ToArray());
    }

    [TestMethod]
    public async Task A_refused_refresh_token_falls_back_to_the_password()
    {
        var account = Account() with { RefreshToken = "rt_revoked" };

        await Client().CreateAsync(account, Draft(), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "refresh", "token" }, _simulator.AuthCalls.ToArray());
    }

    [TestMethod]
    public async Task A_token_ShipHero_rejects_is_renewed_once_and_the_call_retried()
    {
        await Client().FindAsync(Account(), "a/1", CancellationToken.None);
        _simulator.FailNext("orders", new ShipHeroFault.TokenRejected());

        var found = await Client().FindAsync(Account(), "a/1", CancellationToken.None);

        Assert.IsNull(found);
        Assert.AreEqual(2, _simulator.AuthCalls.Count);
    }

    [TestMethod]
    public async Task Wrong_credentials_are_permanent_and_never_named()
    {
        var account = Account() with { Password = "wrong-password" };

        var failure = await FailureOf(() => Client().CreateAsync(account, Draft(), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "403");
        Assert.IsFalse(failure.Reason.Contains("wrong-password"));
    }

    [TestMethod]
    public async Task The_simulator_answers_request_id_and_complexity()
    {
        var client = new ShipHeroGraphQlClient(new HttpClient(), _tokens, TestStorage.Wrap(new ShipHeroOptions()), _time);
        var data = await client.ExecuteAsync(Account(), "query Q($partner_order_id: String) { orders(partner_order_id: $partner_order_id) { request_id complexity data(first: 1) { edges { node { id } } } } }",
            new JsonObject { ["partner_order_id"] = "x/1" }, CancellationToken.None);

        Assert.IsFalse(string.IsNullOrEmpty(data.GetProperty("orders").GetProperty("request_id").GetString()));
        Assert.IsTrue(data.GetProperty("orders").GetProperty("complexity").GetInt32() > 0);
    }

    private ShipHeroVendorOrders Client(TimeSpan? timeout = null) =>
        new(new ShipHeroGraphQlClient(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, _tokens,
            TestStorage.Wrap(new ShipHeroOptions()), _time));

    private ShipHeroAccount Account() => new("acme-3pl", _simulator.BaseUrl, _simulator.Username, _simulator.Password, null);

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.IsTrue(condition(), "the condition never held");
    }

}
