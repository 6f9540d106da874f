using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Core.Webhooks.ShipHero;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// ShipHero and HTTP vendor webhooks through the real ingress, de-duplication table, router and queue (Azurite): what
/// is answered, and which order the signal reaches, directly or once its vendor order is linked.
/// </summary>
[TestClass]
public sealed class VendorWebhookIngressTests
{
    private static readonly OrderKey MerchantOrder = new("merchant.myshopify.com", "820982911946154508");
    private const string ShipHeroSignature = "tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4="; // see ShipHeroWebhookSignatureTests

    private StorageOptions _storage = null!;
    private StorageQueueSignalQueue _queue = null!;
    private SignalRouter _router = null!;
    private WebhookIngress _ingress = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _storage = await TestStorage.IsolatedAsync();
        _queue = new StorageQueueSignalQueue(TestStorage.Wrap(_storage));
        await _queue.EnsureCreatedAsync(CancellationToken.None);
        _router = await TestRouting.RouterAsync(_storage, _queue);
        var deliveries = new WebhookDeduplicator(new TableServiceClient(_storage.ConnectionString), TestStorage.Wrap(_storage), TimeProvider.System);
        await deliveries.EnsureCreatedAsync(CancellationToken.None);
        var directory = Directory();
        _ingress = new WebhookIngress(
            [new ShipHeroWebhookSource(directory, TestStorage.Wrap(new ShipHeroOptions())), new HttpVendorWebhookSource(directory)],
            deliveries, _router, TestStorage.Wrap(new IngressOptions()), new FakeTimeProvider(WorkedExampleTime.AddSeconds(2)),
            NullLogger<WebhookIngress>.Instance);
    }

    private Task<WebhookResult> Post(string source, string? vendorId, byte[] body, params (string, string)[] headers) =>
        _ingress.HandleAsync(source, vendorId, Headers(headers), new MemoryStream(body), body.Length, CancellationToken.None);

    private Task<WebhookResult> PostShipHero(byte[] body, string signature) =>
        Post("shiphero", ShipHeroVendorId, body, ("X-ShipHero-HMAC-SHA256", signature));

    private Task<WebhookResult> PostVendorEvent(byte[] body, long? timestamp = null) =>
        Post("vendors", HttpVendorId, body, (HttpVendorSignature.Header, HttpVendorSignature.Sign(body, timestamp ?? WorkedExampleTimestamp, HttpVendorSecret)));

    private async Task<List<SignalEnvelope>> Queued() =>
        [.. (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Select(m => m.Envelope!)];

    [TestMethod]
    public async Task ShipHero_sample_is_accepted_and_waits_for_its_ShipHero_order_to_be_linked()
    {
        var result = await PostShipHero(Sample("shiphero", "shipment-update.json"), ShipHeroSignature);

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        Assert.AreEqual(0, (await Queued()).Count, "no order is known yet for the ShipHero order");

        await _router.LinkAsync(new CorrelationLink(CorrelationRef.VendorOrder(ShipHeroVendorId, "T3JkZXI6MjcyMjcxNzA2"), MerchantOrder), CancellationToken.None);

        var released = (await Queued()).Single();
        Assert.AreEqual(MerchantOrder, released.Order);
        Assert.AreEqual("263653409", ((VendorShipped)released.Signal).Shipment.ShipmentId);
    }

    [TestMethod]
    public async Task ShipHero_shipment_naming_the_merchant_order_is_queued_for_it_once()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample("shiphero", "shipment-update.json"))
            .Replace("\"partner_order_id\": \"Order #243\"", $"\"partner_order_id\": \"{MerchantOrder}\""));
        var signature = WebhookHmac.ComputeBase64(body, ShipHeroSecret);

        var first = await PostShipHero(body, signature);
        var again = await PostShipHero(body, signature);

        Assert.AreEqual(200, first.StatusCode, first.Reason);
        StringAssert.StartsWith(again.Reason, "duplicate");
        Assert.AreEqual(MerchantOrder, (await Queued()).Single().Order);
    }

    [TestMethod]
    public async Task ShipHero_delivery_with_a_forged_signature_is_answered_401()
    {
        var result = await PostShipHero(Sample("shiphero", "shipment-update.json"), WebhookHmac.ComputeBase64("{}"u8, ShipHeroSecret));

        Assert.AreEqual(401, result.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task ShipHero_webhook_of_another_type_is_answered_200_ignored()
    {
        var body = """{"webhook_type": "Order Canceled", "order_id": 389118717}"""u8.ToArray();

        var result = await PostShipHero(body, WebhookHmac.ComputeBase64(body, ShipHeroSecret));

        Assert.AreEqual(200, result.StatusCode);
        StringAssert.StartsWith(result.Reason, "ignored");
    }

    [TestMethod]
    public async Task A_signed_body_with_invalid_UTF8_inside_a_string_is_answered_400_not_an_error()
    {
        // Found by WebhookIngressFuzzTests: JsonElement.GetString() throws on such text.
        byte[] body = [.. "{\"id\": \"evt-"u8, 0xC3, 0x28, .. "\", \"type\": \"order.shipped\"}"u8];

        var vendor = await PostVendorEvent(body);
        var shipHero = await PostShipHero(body, WebhookHmac.ComputeBase64(body, ShipHeroSecret));

        Assert.AreEqual(400, vendor.StatusCode, vendor.Reason);
        Assert.AreEqual(400, shipHero.StatusCode, shipHero.Reason);
    }

    [TestMethod]
    public async Task ShipHero_gets_the_reply_body_it_waits_for_and_other_senders_get_the_reason()
    {
        var shipHero = await PostShipHero(Sample("shiphero", "shipment-update.json"), ShipHeroSignature);
        var forged = await PostShipHero(Sample("shiphero", "shipment-update.json"), WebhookHmac.ComputeBase64("{}"u8, ShipHeroSecret));
        var vendor = await PostVendorEvent(Sample("vendors", "order-shipped.json"));

        // developer.shiphero.com/webhooks: ShipHero waits for {"code": "200", "Status": "Success"}.
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["code"] = "200", ["Status"] = "Success" }, shipHero.Body().ToDictionary());
        Assert.AreEqual("signature missing or invalid", forged.Body()["reason"], "a refusal still says why");
        Assert.AreEqual(vendor.Reason, vendor.Body()["reason"]);
    }

    [TestMethod]
    public async Task Vendor_event_of_the_documentation_is_queued_for_its_merchant_order()
    {
        var result = await PostVendorEvent(Sample("vendors", "order-shipped.json"));

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        var queued = (await Queued()).Single();
        Assert.AreEqual(MerchantOrder, queued.Order);
        Assert.AreEqual($"vendor:{HttpVendorId}:evt_1001", queued.Id);
    }

    [TestMethod]
    public async Task Vendor_event_sent_again_with_its_id_is_a_duplicate()
    {
        await PostVendorEvent(Sample("vendors", "order-cancelled.json"));
        var again = await PostVendorEvent(Sample("vendors", "order-cancelled.json"), WorkedExampleTimestamp + 1);

        Assert.AreEqual(200, again.StatusCode);
        StringAssert.StartsWith(again.Reason, "duplicate");
        Assert.AreEqual(1, (await Queued()).Count);
    }

    [TestMethod]
    public async Task Vendor_event_signed_more_than_300_seconds_ago_is_answered_401()
    {
        var result = await PostVendorEvent(Sample("vendors", "order-shipped.json"), WorkedExampleTimestamp - 301);

        Assert.AreEqual(401, result.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task Vendor_event_missing_a_field_is_answered_400_naming_it()
    {
        var result = await PostVendorEvent("""{"id": "evt_9", "type": "order.shipped", "occurredAt": "2026-11-23T10:00:00Z", "vendorOrderId": "V-9"}"""u8.ToArray());

        Assert.AreEqual(400, result.StatusCode);
        Assert.AreEqual("malformed webhook: shipment is missing", result.Reason);
    }

    [TestMethod]
    public async Task Vendor_event_posted_to_a_ShipHero_vendors_url_is_answered_401()
    {
        var body = Sample("vendors", "order-shipped.json");
        var result = await Post("vendors", ShipHeroVendorId, body, (HttpVendorSignature.Header, HttpVendorSignature.Sign(body, WorkedExampleTimestamp, HttpVendorSecret)));

        Assert.AreEqual(401, result.StatusCode);
    }
}
