using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.PlatformFailures;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>The merchant-side Shopify client against the Admin GraphQL simulator, over real loopback HTTP.</summary>
[TestClass]
public sealed class ShopifyMerchantOrdersTests
{
    private const string MerchantShop = "merchant-fulfil.myshopify.com";
    private const string Token = "shpat_merchant_token";
    private static ShopifyAdminSimulator _simulator = null!;
    private SimulatedShopifyStore _store = null!;
    private SimulatedMerchantOrder _order = null!;

    [TestInitialize]
    public async Task NewStoreAsync()
    {
        _simulator = await TestSimulators.ShopifyAsync();
        _store = _simulator.AddStore(MerchantShop, Token);
        _order = _store.SeedMerchantOrder("#1001",
            [new SeedLine("SKU-A", "Difference Engine", 2), new SeedLine("SKU-B", "Analytical Engine", 1), new SeedLine("SKU-C", "Loom card", 5)],
            [new SeedTransaction("paypal", "CAPTURE", "SUCCESS", "3C679366HH908993F"), new SeedTransaction("paypal", "REFUND", "SUCCESS", "R-1")],
            fulfillmentOrders: 2);
    }

    [TestMethod]
    public async Task The_order_is_read_with_its_lines_transactions_and_fulfillment_orders()
    {
        var order = await Client().ReadAsync(Store(), _order.Id, CancellationToken.None);

        Assert.AreEqual(_order.Id, order.Id);
        Assert.AreEqual("#1001", order.Name);
        CollectionAssert.AreEqual(new[] { "SKU-A", "SKU-B", "SKU-C" }, order.LineItems.Select(l => l.Sku).ToArray());
        Assert.AreEqual(2, order.Transactions.Length);
        Assert.AreEqual("paypal", order.Transactions[0].Gateway);
        Assert.AreEqual("CAPTURE", order.Transactions[0].Kind);
        Assert.AreEqual("3C679366HH908993F", order.Transactions[0].AuthorizationCode);
        Assert.AreEqual(2, order.FulfillmentOrders.Length);
        var first = order.FulfillmentOrders[0];
        Assert.AreEqual(_order.FulfillmentOrders[0].Id, first.Id);
        CollectionAssert.AreEqual(new[] { _order.LineItems[0].Id, _order.LineItems[2].Id }, first.Lines.Select(l => l.LineItemId).ToArray());
        Assert.AreEqual(5, first.Lines[1].RemainingQuantity);
        CollectionAssert.AreEqual(new[] { SimulatedShopifyStore.LocationId(0), SimulatedShopifyStore.LocationId(1) },
            order.FulfillmentOrders.Select(f => f.LocationId).ToArray());
        Assert.AreEqual(0, order.Fulfillments.Length);
    }

    [TestMethod]
    public async Task Line_items_and_fulfillment_orders_are_read_across_pages()
    {
        var order = _store.SeedMerchantOrder("#1002", Enumerable.Range(1, 7).Select(i => new SeedLine($"SKU-{i}", $"Item {i}", i)), fulfillmentOrders: 5);

        var read = await Client(pageSize: 2).ReadAsync(Store(), order.Id, CancellationToken.None);

        Assert.AreEqual(7, read.LineItems.Length);
        CollectionAssert.AreEqual(order.LineItems.Select(l => l.Id).ToArray(), read.LineItems.Select(l => l.Id).ToArray());
        CollectionAssert.AreEqual(order.FulfillmentOrders.Select(f => f.Id).ToArray(), read.FulfillmentOrders.Select(f => f.Id).ToArray());
        Assert.IsTrue(_store.Received.Count(r => r.Field == "order") >= 4, "pages were followed");
    }

    [TestMethod]
    public async Task A_missing_order_is_permanent()
    {
        var failure = await FailureOf(() => Client().ReadAsync(Store(), "gid://shopify/Order/1", CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "has no order");
    }

    [TestMethod]
    public async Task A_fulfillment_is_created_for_exactly_the_given_lines_with_tracking()
    {
        var fo = _order.FulfillmentOrders[0];
        var created = await Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[1].Id, 3, "1Z999AA10123456784"), CancellationToken.None);

        var stored = _store.FulfillmentsOf(_order.Id).Single();
        Assert.AreEqual(stored.Id, created.Id);
        CollectionAssert.AreEqual(new[] { "1Z999AA10123456784" }, created.TrackingNumbers.ToArray());
        CollectionAssert.AreEqual(new[] { "https://track.example/1Z999AA10123456784" }, stored.TrackingUrls.ToArray());
        Assert.AreEqual("UPS", stored.Company);
        Assert.AreEqual((fo.Lines[1].Id, 3), stored.Lines.Single());
        Assert.AreEqual(2, fo.Lines[1].RemainingQuantity);
        Assert.AreEqual(2, fo.Lines[0].RemainingQuantity, "the other line is untouched");
        Assert.IsFalse(stored.NotifyCustomer, "the default is not to notify");
    }

    [TestMethod]
    public async Task Notifying_the_customer_is_configurable()
    {
        var fo = _order.FulfillmentOrders[1];
        await Client(notify: true).CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[0].Id, 1, "TRACK-N"), CancellationToken.None);

        Assert.IsTrue(_store.FulfillmentsOf(_order.Id).Single().NotifyCustomer);
        var sent = _store.Received.Last(r => r.Field == "fulfillmentCreate").Variables;
        Assert.IsTrue(sent["fulfillment"]!["notifyCustomer"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task A_retried_create_whose_first_answer_was_lost_returns_the_existing_fulfillment()
    {
        var fo = _order.FulfillmentOrders[0];
        var request = Request(fo.Id, fo.Lines[0].Id, 2, "LOST-ANSWER-1");
        _store.FailNext("fulfillmentCreate", new ShopifyFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        var lost = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateFulfillmentAsync(Store(), request, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);
        Assert.AreEqual(1, _store.FulfillmentsOf(_order.Id).Count, "the first attempt did its work");

        var retried = await Client().CreateFulfillmentAsync(Store(), request, CancellationToken.None);

        var only = _store.FulfillmentsOf(_order.Id).Single();
        Assert.AreEqual(only.Id, retried.Id);
        Assert.AreEqual(1, _store.Received.Count(r => r.Field == "fulfillmentCreate"), "the retry did not create again");
        Assert.AreEqual(0, fo.Lines[0].RemainingQuantity);
    }

    [TestMethod]
    public async Task A_different_tracking_number_creates_another_fulfillment()
    {
        var fo = _order.FulfillmentOrders[0];
        await Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[1].Id, 2, "PARCEL-1"), CancellationToken.None);
        await Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[1].Id, 3, "PARCEL-2"), CancellationToken.None);

        Assert.AreEqual(2, _store.FulfillmentsOf(_order.Id).Count);
        Assert.AreEqual(0, fo.Lines[1].RemainingQuantity);
    }

    [TestMethod]
    public async Task The_same_tracking_at_another_location_is_another_fulfillment_and_one_across_locations_is_refused()
    {
        var (first, second) = (_order.FulfillmentOrders[0], _order.FulfillmentOrders[1]);
        var across = Request(first.Id, first.Lines[1].Id, 1, "ACROSS") with
        {
            Lines = [new ShopifyFulfillmentLine(first.Id, first.Lines[1].Id, 1), new ShopifyFulfillmentLine(second.Id, second.Lines[0].Id, 1)],
        };
        var failure = await FailureOf(() => Client().CreateFulfillmentAsync(Store(), across, CancellationToken.None));
        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "different locations");
        Assert.AreEqual(0, _store.FulfillmentsOf(_order.Id).Count);

        await Client().CreateFulfillmentAsync(Store(), Request(first.Id, first.Lines[0].Id, 1, "SAME-1"), CancellationToken.None);
        await Client().CreateFulfillmentAsync(Store(), Request(second.Id, second.Lines[0].Id, 1, "SAME-1"), CancellationToken.None);

        var read = (await Client().ReadAsync(Store(), _order.Id, CancellationToken.None)).Fulfillments;
        CollectionAssert.AreEqual(new[] { first.Id, second.Id }, read.Select(f => f.FulfillmentOrderIds.Single()).ToArray());
        CollectionAssert.AreEqual(new[] { new ShopifyFulfilledUnits(first.Lines[0].LineItemId, 1), new ShopifyFulfilledUnits(second.Lines[0].LineItemId, 1) },
            read.Select(f => f.Lines.Single()).ToArray());
    }

    [TestMethod]
    public async Task Fulfilling_more_than_remains_is_refused_with_a_user_error_and_changes_nothing()
    {
        var fo = _order.FulfillmentOrders[0];

        var failure = await FailureOf(() => Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[0].Id, 3, "TOO-MANY"), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "fulfillmentOrderLineItems.0.quantity");
        Assert.AreEqual(0, _store.FulfillmentsOf(_order.Id).Count);
        Assert.AreEqual(2, fo.Lines[0].RemainingQuantity);
    }

    [TestMethod]
    public async Task A_user_error_on_create_is_permanent_and_names_the_field()
    {
        _store.FailNext("fulfillmentCreate", new ShopifyFault.UserError("fulfillment.trackingInfo.company", "Company is invalid"));
        var fo = _order.FulfillmentOrders[0];

        var failure = await FailureOf(() => Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[0].Id, 1, "T-UE"), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "fulfillment.trackingInfo.company: Company is invalid");
    }

    [TestMethod]
    public async Task Tracking_is_updated_on_an_existing_fulfillment()
    {
        var fo = _order.FulfillmentOrders[1];
        var created = await Client().CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[0].Id, 1, "OLD-NUMBER"), CancellationToken.None);

        var updated = await Client().UpdateTrackingAsync(Store(), created.Id, ["NEW-NUMBER"], ["https://track.example/NEW"], "DHL", notifyCustomer: true, CancellationToken.None);

        Assert.AreEqual(created.Id, updated.Id);
        CollectionAssert.AreEqual(new[] { "NEW-NUMBER" }, updated.TrackingNumbers.ToArray());
        var stored = _store.FulfillmentsOf(_order.Id).Single();
        Assert.AreEqual("DHL", stored.Company);
        Assert.IsTrue(stored.NotifyCustomer);
        var sent = _store.Received.Last(r => r.Field == "fulfillmentTrackingInfoUpdate").Variables;
        Assert.IsTrue(sent["notifyCustomer"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task Updating_tracking_of_an_unknown_fulfillment_is_a_permanent_user_error()
    {
        var failure = await FailureOf(() => Client().UpdateTrackingAsync(Store(), "gid://shopify/Fulfillment/1", ["N"], [], null, null, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "fulfillmentId");
    }

    [TestMethod]
    [DataRow("order")]
    [DataRow("fulfillmentCreate")]
    [DataRow("fulfillmentTrackingInfoUpdate")]
    public async Task HTTP_429_is_transient_and_carries_Retry_After(string field)
    {
        _store.FailNext(field, new ShopifyFault.RateLimited(7));

        var failure = await FailureOf(() => Operation(field));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [TestMethod]
    [DataRow("order", 500)]
    [DataRow("fulfillmentCreate", 502)]
    [DataRow("fulfillmentTrackingInfoUpdate", 503)]
    public async Task A_server_error_is_transient(string field, int status)
    {
        _store.FailNext(field, new ShopifyFault.ServerError(status));

        var failure = await FailureOf(() => Operation(field));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, status.ToString());
    }

    [TestMethod]
    [DataRow("order")]
    [DataRow("fulfillmentCreate")]
    [DataRow("fulfillmentTrackingInfoUpdate")]
    public async Task A_THROTTLED_answer_is_transient_and_waits_for_the_bucket(string field)
    {
        _store.FailNext(field, new ShopifyFault.Throttled());

        var failure = await FailureOf(() => Operation(field));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "throttled");
        Assert.IsTrue(failure.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [TestMethod]
    [DataRow("order")]
    [DataRow("fulfillmentCreate")]
    [DataRow("fulfillmentTrackingInfoUpdate")]
    public async Task A_body_that_is_not_JSON_is_transient(string field)
    {
        _store.FailNext(field, new ShopifyFault.MalformedBody());

        var failure = await FailureOf(() => Operation(field));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    [DataRow("fulfillmentCreate")]
    [DataRow("fulfillmentTrackingInfoUpdate")]
    public async Task JSON_not_shaped_as_the_schema_says_is_transient(string field)
    {
        _store.FailNext(field, new ShopifyFault.UnexpectedShape());

        var failure = await FailureOf(() => Operation(field));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, $"answered {field} in an unexpected shape");
    }

    [TestMethod]
    [DataRow("order")]
    [DataRow("fulfillmentCreate")]
    [DataRow("fulfillmentTrackingInfoUpdate")]
    public async Task A_reply_slower_than_the_timeout_is_transient(string field)
    {
        _store.FailNext(field, new ShopifyFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await FailureOf(() => Operation(field, TimeSpan.FromMilliseconds(500)));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
    }

    [TestMethod]
    public async Task The_simulator_refuses_a_FulfillmentInput_field_the_real_schema_does_not_have()
    {
        var client = new ShopifyGraphQlClient(new HttpClient(), TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System);
        var failure = await FailureOf(() => client.ExecuteAsync(Store(),
            "mutation M($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } } }",
            new JsonObject
            {
                ["fulfillment"] = new JsonObject
                {
                    ["lineItemsByFulfillmentOrder"] = new JsonArray(new JsonObject { ["fulfillmentOrderId"] = "x" }),
                    ["trackingInfo"] = new JsonObject { ["trackingNumber"] = "1" },
                },
            },
            CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "Field \"trackingNumber\" is not defined by type \"FulfillmentTrackingInput\"");
    }

    private async Task Operation(string field, TimeSpan? timeout = null)
    {
        var fo = _order.FulfillmentOrders[0];
        switch (field)
        {
            case "order":
                await Client(timeout).ReadAsync(Store(), _order.Id, CancellationToken.None);
                break;
            case "fulfillmentCreate":
                await Client(timeout).CreateFulfillmentAsync(Store(), Request(fo.Id, fo.Lines[0].Id, 1, "FAULT-1"), CancellationToken.None);
                break;
            default:
                await Client(timeout).UpdateTrackingAsync(Store(), "gid://shopify/Fulfillment/1", ["N"], [], null, null, CancellationToken.None);
                break;
        }
    }

    private ShopifyFulfillmentRequest Request(string fulfillmentOrderId, string lineId, int quantity, string tracking) => new(
        _order.Id, [new ShopifyFulfillmentLine(fulfillmentOrderId, lineId, quantity)], [tracking], [$"https://track.example/{tracking}"], "UPS");

    private ShopifyMerchantOrders Client(TimeSpan? timeout = null, bool notify = false, int pageSize = 50) =>
        new(new ShopifyGraphQlClient(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System),
            TestStorage.Wrap(new ShopifyMerchantOptions { NotifyCustomer = notify, PageSize = pageSize }));

    private static ShopifyStore Store() => new(MerchantShop, _simulator.AdminBaseUrl(MerchantShop), Token);

}
