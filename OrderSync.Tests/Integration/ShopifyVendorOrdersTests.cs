using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;
using static OrderSync.Tests.Support.VendorOrderDrafts;

namespace OrderSync.Tests.Integration;

/// <summary>The vendor-side Shopify client against the Admin GraphQL simulator, over real loopback HTTP.</summary>
[TestClass]
public sealed class ShopifyVendorOrdersTests
{
    private const string VendorShop = "vendor.myshopify.com";
    private const string Token = "shpat_test_token";
    private const string Key = "push:merchant.myshopify.com:1001:vendor-a";
    private static ShopifyAdminSimulator _simulator = null!;
    private SimulatedShopifyStore _store = null!;

    [TestInitialize]
    public async Task NewStoreAsync()
    {
        _simulator = await TestSimulators.ShopifyAsync();
        _store = _simulator.AddStore(VendorShop, Token);
    }

    [TestMethod]
    public async Task An_order_is_created_with_the_vendor_lines_address_and_idempotency_tag()
    {
        var created = await Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None);

        var order = _store.Orders.Single();
        Assert.AreEqual(order.Id, created.Id);
        Assert.AreEqual(order.Name, created.Name);
        CollectionAssert.Contains(order.Tags.ToList(), ShopifyVendorOrders.IdempotencyTag(Key));
        var line = order.Input["lineItems"]![0]!;
        Assert.AreEqual("VENDOR-SKU-1", line["sku"]!.GetValue<string>());
        Assert.AreEqual(2, line["quantity"]!.GetValue<int>());
        Assert.AreEqual("12.50", line["priceSet"]!["shopMoney"]!["amount"]!.GetValue<string>());
        Assert.AreEqual("EUR", line["priceSet"]!["shopMoney"]!["currencyCode"]!.GetValue<string>());
        var address = order.Input["shippingAddress"]!;
        Assert.AreEqual("1 Analytical Way", address["address1"]!.GetValue<string>());
        Assert.AreEqual("GB", address["countryCode"]!.GetValue<string>());
        Assert.AreEqual("merchant.myshopify.com/1001", order.Input["sourceIdentifier"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_retry_of_the_same_command_finds_the_order_instead_of_creating_another()
    {
        var first = await Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None);
        var second = await Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(first, second);
        Assert.AreEqual(1, _store.Orders.Count);
        Assert.AreEqual(1, _store.Received.Count(r => r.Field == "orderCreate"));
    }

    [TestMethod]
    public async Task A_first_run_creates_the_order_without_searching_for_one()
    {
        await Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "orderCreate" }, _store.Received.Select(r => r.Field).ToArray());
    }

    [TestMethod]
    public async Task Another_command_creates_another_order()
    {
        await Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None);
        await Client().CreateAsync(Store(), Draft(), Key.Replace("1001", "1002"), mayHaveRun: false, CancellationToken.None);

        Assert.AreEqual(2, _store.Orders.Count);
    }

    [TestMethod]
    public async Task HTTP_429_is_transient_and_carries_Retry_After()
    {
        _store.FailNext("*", new ShopifyFault.RateLimited(7));

        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.AreEqual(0, _store.Orders.Count);
    }

    [TestMethod]
    public async Task A_THROTTLED_answer_is_transient_and_waits_for_the_bucket_to_refill()
    {
        _store.FailNext("orderCreate", new ShopifyFault.Throttled());

        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "throttled");
        Assert.IsTrue(failure.RetryAfter >= TimeSpan.FromSeconds(1), $"retry after {failure.RetryAfter}");
    }

    [TestMethod]
    [DataRow(500)]
    [DataRow(502)]
    [DataRow(503)]
    public async Task A_server_error_is_transient(int status)
    {
        _store.FailNext("orderCreate", new ShopifyFault.ServerError(status));

        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, status.ToString());
    }

    [TestMethod]
    public async Task A_body_that_is_not_JSON_is_transient()
    {
        _store.FailNext("orderCreate", new ShopifyFault.MalformedBody());

        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    [DataRow("orderCreate")]
    [DataRow("orders")]
    public async Task JSON_not_shaped_as_the_schema_says_is_transient(string field)
    {
        _store.FailNext(field, new ShopifyFault.UnexpectedShape());

        // A repeated run, so the search ("orders") is sent too.
        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: true, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, $"answered {field} in an unexpected shape");
    }

    [TestMethod]
    public async Task A_reply_slower_than_the_timeout_is_transient()
    {
        _store.FailNext("orderCreate", new ShopifyFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
    }

    [TestMethod]
    public async Task A_user_error_is_permanent_and_names_the_field()
    {
        _store.FailNext("orderCreate", new ShopifyFault.UserError("shippingAddress.countryCode", "Country code is invalid"));

        var failure = await FailureOf(() => Client().CreateAsync(Store(), Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "shippingAddress.countryCode: Country code is invalid");
    }

    [TestMethod]
    public async Task A_wrong_access_token_is_permanent()
    {
        var failure = await FailureOf(() => Client().CreateAsync(Store() with { AccessToken = "wrong" }, Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "401");
        Assert.IsFalse(failure.Reason.Contains("wrong"), "the token never appears in a reason");
    }

    [TestMethod]
    public async Task An_unreachable_store_is_transient()
    {
        var store = new ShopifyStore(VendorShop, new Uri($"http://127.0.0.1:{Sandbox.LoopbackPorts.Free()}/"), Token);

        var failure = await FailureOf(() => Client().CreateAsync(store, Draft(), Key, mayHaveRun: false, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
    }

    [TestMethod]
    public async Task The_simulator_refuses_a_field_the_real_schema_does_not_have()
    {
        // Guards the simulator itself: a client typo must fail here as it would on Shopify.
        var client = new ShopifyGraphQlClient(new HttpClient(), TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System);
        var failure = await FailureOf(() => client.ExecuteAsync(Store(),
            "mutation M($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }",
            new JsonObject { ["order"] = new JsonObject { ["lineItems"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["skuu"] = "x" }) } },
            CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "Field \"skuu\" is not defined by type \"OrderCreateLineItemInput\"");
    }

    private static ShopifyVendorOrders Client(TimeSpan? timeout = null) =>
        new(new ShopifyGraphQlClient(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) },
            TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System));

    private static ShopifyStore Store() => new(VendorShop, _simulator.AdminBaseUrl(VendorShop), Token);

}
