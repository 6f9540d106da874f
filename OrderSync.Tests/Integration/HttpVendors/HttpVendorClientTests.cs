using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Policy;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Sandbox.HttpVendor;
using static OrderSync.Tests.Support.PlatformFailures;
using static OrderSync.Tests.Support.VendorOrderDrafts;

namespace OrderSync.Tests.Integration.HttpVendors;

/// <summary>The outbound HTTP vendor client against the vendor simulator, over real loopback HTTP.</summary>
[TestClass]
public sealed class HttpVendorClientTests
{
    private const string Key = "push:merchant.myshopify.com:1001:acme-3pl";
    private HttpVendorSimulator _vendor = null!;

    [TestInitialize]
    public async Task StartAsync() => _vendor = await HttpVendorSimulator.StartAsync();

    [TestCleanup]
    public async Task StopAsync() => await _vendor.DisposeAsync();

    [TestMethod]
    public async Task The_order_is_posted_signed_with_the_vendor_secret_and_the_command_id_as_idempotency_key()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);

        var order = _vendor.Orders.Single();
        Assert.AreEqual(order.Id, created.Id);
        var request = _vendor.Received.Single();
        Assert.AreEqual(SignatureCheck.Valid, request.Signature);
        Assert.AreEqual(Key, request.IdempotencyKey);
        Assert.AreEqual("merchant.myshopify.com/1001", order.Body["merchantOrder"]!.GetValue<string>());
        Assert.AreEqual("#1001", order.Body["merchantOrderName"]!.GetValue<string>());
        var line = order.Body["lines"]![0]!;
        Assert.AreEqual("11", line["lineId"]!.GetValue<string>());
        Assert.AreEqual("VENDOR-SKU-1", line["sku"]!.GetValue<string>());
        Assert.AreEqual(2, line["quantity"]!.GetValue<int>());
        Assert.AreEqual("12.50", line["unitPrice"]!.GetValue<string>());
        Assert.AreEqual("GB", order.Body["shippingAddress"]!["countryCode"]!.GetValue<string>());
        Assert.AreEqual("ada@example.com", order.Body["customer"]!["email"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_repeated_create_answered_409_is_success_with_the_existing_id()
    {
        var first = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        var second = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);

        Assert.AreEqual(first.Id, second.Id);
        Assert.AreEqual(1, _vendor.Orders.Count);
    }

    [TestMethod]
    public async Task A_create_whose_answer_was_lost_is_not_created_twice_on_retry()
    {
        _vendor.FailNext("create", new HttpVendorFault.StallAfterEffect(TimeSpan.FromSeconds(30)));

        var lost = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);
        for (var i = 0; i < 100 && _vendor.Orders.Count == 0; i++) await Task.Delay(50);

        var retried = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);

        Assert.AreEqual(1, _vendor.Orders.Count);
        Assert.AreEqual(_vendor.Orders[0].Id, retried.Id);
    }

    [TestMethod]
    public async Task Update_patches_the_order_signed()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        var moved = new Address("Ada", "Lovelace", null, "2 Engine Street", null, "Manchester", null, "GB", "M1 1AA", null);

        await Client().UpdateAsync(Endpoint(), created.Id, moved, null, "ring twice", "update:1", CancellationToken.None);

        var update = _vendor.Orders.Single().Updates.Single();
        Assert.AreEqual("2 Engine Street", update["shippingAddress"]!["address1"]!.GetValue<string>());
        Assert.AreEqual("ring twice", update["note"]!.GetValue<string>());
        var request = _vendor.Received.Last();
        Assert.AreEqual("PATCH", request.Method);
        Assert.AreEqual(SignatureCheck.Valid, request.Signature);
        Assert.AreEqual("update:1", request.IdempotencyKey);
    }

    [TestMethod]
    public async Task Cancel_cancels_the_order_and_is_safe_to_repeat()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);

        await Client().CancelAsync(Endpoint(), created.Id, "customer cancelled", "cancel:1", CancellationToken.None);
        await Client().CancelAsync(Endpoint(), created.Id, "customer cancelled", "cancel:1", CancellationToken.None);

        Assert.IsTrue(_vendor.Orders.Single().Cancelled);
        Assert.AreEqual("customer cancelled", _vendor.Orders.Single().CancelReason);
    }

    [TestMethod]
    public async Task Shipments_are_polled_in_the_webhook_shipment_shape()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        _vendor.Ship(created.Id, JsonNode.Parse("""
            {"id":"shp_1","trackingNumbers":["1Z999AA10123456784"],"carrier":"UPS","trackingUrls":["https://www.ups.com/track?tracknum=1Z999AA10123456784"],"lines":[{"lineId":"11","sku":"VENDOR-SKU-1","quantity":2}],"shippedAt":"2026-11-23T09:58:00Z"}
            """)!.AsObject());

        var shipments = await Client().ShipmentsAsync(Endpoint(), created.Id, CancellationToken.None);

        var shipment = shipments.Single();
        Assert.AreEqual("shp_1", shipment.ShipmentId);
        Assert.AreEqual("1Z999AA10123456784", shipment.TrackingNumbers.Single());
        Assert.AreEqual("UPS", shipment.Carrier);
        Assert.AreEqual(new ShippedLine("11", "VENDOR-SKU-1", 2), shipment.Lines.Single());
        Assert.AreEqual(DateTimeOffset.Parse("2026-11-23T09:58:00Z"), shipment.ShippedAt);
        Assert.AreEqual(SignatureCheck.Valid, _vendor.Received.Last().Signature, "a GET is signed over the empty body");
    }

    [TestMethod]
    public async Task A_shipment_not_in_the_documented_shape_is_transient()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        _vendor.Ship(created.Id, new JsonObject { ["id"] = "shp_1" });

        var failure = await FailureOf(() => Client().ShipmentsAsync(Endpoint(), created.Id, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "unexpected shape");
    }

    [TestMethod]
    public async Task A_wrong_secret_is_refused_by_the_vendor_and_permanent()
    {
        var failure = await FailureOf(() => Client().CreateAsync(Endpoint() with { Secret = "not-the-secret" }, Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "401");
        Assert.AreEqual(SignatureCheck.Mismatch, _vendor.Received.Single().Signature);
        Assert.AreEqual(0, _vendor.Orders.Count);
    }

    [TestMethod]
    public async Task Rate_limiting_is_transient_and_honours_Retry_After()
    {
        _vendor.FailNext("create", new HttpVendorFault.RateLimited(9));

        var failure = await FailureOf(() => Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(9), failure.RetryAfter);
    }

    [TestMethod]
    [DataRow("create")]
    [DataRow("cancel")]
    public async Task A_server_error_is_transient(string kind)
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        _vendor.FailNext(kind, new HttpVendorFault.ServerError(503));

        var failure = await FailureOf(() => kind == "create"
            ? Client().CreateAsync(Endpoint(), Draft("1002"), Key + "2", CancellationToken.None)
            : Client().CancelAsync(Endpoint(), created.Id, null, "cancel:1", CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "503");
    }

    [TestMethod]
    public async Task A_refusal_is_permanent_and_carries_the_vendors_reason()
    {
        _vendor.FailNext("create", new HttpVendorFault.Refused("unknown SKU VENDOR-SKU-1"));

        var failure = await FailureOf(() => Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "unknown SKU VENDOR-SKU-1");
    }

    [TestMethod]
    public async Task A_409_to_an_update_is_permanent()
    {
        var created = await Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None);
        await Client().CancelAsync(Endpoint(), created.Id, null, "cancel:1", CancellationToken.None);

        var failure = await FailureOf(() => Client().UpdateAsync(Endpoint(), created.Id, null, null, "late", "update:1", CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "order is cancelled");
    }

    [TestMethod]
    public async Task An_unknown_order_is_permanent()
    {
        var failure = await FailureOf(() => Client().ShipmentsAsync(Endpoint(), "V-none", CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "404");
    }

    [TestMethod]
    public async Task A_body_that_is_not_JSON_is_transient()
    {
        _vendor.FailNext("create", new HttpVendorFault.MalformedBody());

        var failure = await FailureOf(() => Client().CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    public async Task A_reply_slower_than_the_timeout_is_transient()
    {
        _vendor.FailNext("create", new HttpVendorFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await FailureOf(() => Client(TimeSpan.FromMilliseconds(500)).CreateAsync(Endpoint(), Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
        Assert.AreEqual(0, _vendor.Orders.Count);
    }

    [TestMethod]
    public async Task An_unreachable_vendor_is_transient()
    {
        var endpoint = Endpoint() with { ApiBaseUrl = new Uri($"http://127.0.0.1:{Sandbox.LoopbackPorts.Free()}/") };

        var failure = await FailureOf(() => Client().CreateAsync(endpoint, Draft(), Key, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
    }

    [TestMethod]
    public void The_endpoint_signs_with_the_outbound_secret_or_else_the_first_webhook_secret()
    {
        var vendor = new VendorOptions { Id = "acme", Kind = VendorKind.HttpVendor, ApiBaseUrl = new Uri("https://vendor.example/api"), WebhookSecrets = ["s1", "s2"] };
        Assert.AreEqual("s1", HttpVendorEndpoint.From(vendor).Secret);
        Assert.AreEqual(new Uri("https://vendor.example/api/"), HttpVendorEndpoint.From(vendor).ApiBaseUrl);
        vendor.OutboundSecret = "out";
        Assert.AreEqual("out", HttpVendorEndpoint.From(vendor).Secret);
        Assert.IsFalse(HttpVendorEndpoint.From(vendor).ToString().Contains("out"));
    }

    private static HttpVendorClient Client(TimeSpan? timeout = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, TimeProvider.System);

    private HttpVendorEndpoint Endpoint() => new("acme-3pl", _vendor.BaseUrl, _vendor.Secret);

}
