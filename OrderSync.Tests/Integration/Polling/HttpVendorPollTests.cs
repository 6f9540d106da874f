using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Polling;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Sandbox.HttpVendor;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>The tracking poll of an HTTP vendor (on the vendor simulator): its shipment feed's order.shipped events become VendorShipped signals.</summary>
[TestClass]
public sealed class HttpVendorPollTests : ShipmentFeedContract
{
    private HttpVendorSimulator _vendor = null!;
    private HttpVendorClient _client = null!;
    private JsonObject _lastEvent = null!;

    protected override string VendorId => "acme-3pl";

    protected override int PageSize => 3;

    internal override async Task<PollWorld> StartWorldAsync()
    {
        _vendor = await HttpVendorSimulator.StartAsync();
        _vendor.FeedPageSize = PageSize;
        _client = new HttpVendorClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);
        var vendor = new VendorOptions { Id = VendorId, Kind = VendorKind.HttpVendor, ApiBaseUrl = _vendor.BaseUrl, WebhookSecrets = [_vendor.Secret] };
        return await PollWorld.StartAsync([vendor], new HttpVendorShipmentFeed(_client, TimeProvider.System));
    }

    protected override async Task StopVendorAsync() => await _vendor.DisposeAsync();

    protected override async Task<string> ShipAsync(OrderKey merchantOrder, string trackingNumber, DateTimeOffset at)
    {
        var vendorOrder = await VendorOrderAsync(merchantOrder,
            async () => (await _client.CreateAsync(Endpoint(), Draft(merchantOrder), $"push:{merchantOrder}", CancellationToken.None)).Id);
        var shipmentId = $"shp_{trackingNumber}";
        _lastEvent = _vendor.Ship(vendorOrder, Shipment(shipmentId, trackingNumber, at), at);
        return shipmentId;
    }

    /// <summary>An event without merchantOrder, for an order id OrderSync never got: routed by the vendor's id, which is unknown.</summary>
    protected override Task<string> ShipUnknownOrderAsync(string trackingNumber, DateTimeOffset at)
    {
        _vendor.AddEvent(new JsonObject { ["type"] = "order.shipped", ["vendorOrderId"] = "V-9999", ["shipment"] = Shipment("shp_x", trackingNumber, at) }, at);
        return Task.FromResult("V-9999");
    }

    protected override string? LastPageCursorAsked() => LastQuery().GetValueOrDefault("cursor");

    /// <summary>The same event posted as the order.shipped webhook gives the same shipment, for the same order.</summary>
    protected override void AssertAsItsWebhookGives(SignalEnvelope polled)
    {
        AssertSameAsWebhook(HttpVendorEventNormalizer.Normalize(VendorId, Encoding.UTF8.GetBytes(_lastEvent.ToJsonString()), DateTimeOffset.UtcNow), polled);
        Assert.AreEqual(_lastEvent["id"]!.GetValue<string>(), polled.Origin.EventId);
    }

    [TestMethod]
    public async Task The_feed_is_asked_signed_for_what_changed_since_the_cursor()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(1);
        await ShipAsync(Merchant, "1Z999AA10123456784", at);
        await World.PollAsync();

        await World.PollAsync();

        var asked = _vendor.Received.Last(r => r.Kind == "feed");
        Assert.AreEqual(SignatureCheck.Valid, asked.Signature);
        Assert.AreEqual(at.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(LastQuery()["updated_since"], System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
    }

    [TestMethod]
    public async Task A_malformed_event_fails_the_vendors_poll_naming_the_field_and_keeps_its_cursor()
    {
        _vendor.AddEvent(new JsonObject { ["type"] = "order.shipped", ["vendorOrderId"] = "V-1", ["shipment"] = new JsonObject { ["id"] = "s" } }, DateTimeOffset.UtcNow);

        var failed = await World.PollAsync();

        CollectionAssert.AreEqual(new[] { VendorId }, failed.FailedVendors.ToArray());
        Assert.IsNull(await World.CursorAsync(VendorId));
    }

    [TestMethod]
    public async Task A_vendor_answering_503_fails_its_poll_and_the_next_poll_reads_the_shipment()
    {
        await ShipAsync(Merchant, "1Z999AA10123456784", DateTimeOffset.UtcNow);
        _vendor.FailNext("feed", new HttpVendorFault.ServerError(503));

        CollectionAssert.AreEqual(new[] { VendorId }, (await World.PollAsync()).FailedVendors.ToArray());
        Assert.AreEqual(1, (await World.PollAsync()).Routed);
    }

    private Dictionary<string, string> LastQuery() => _vendor.Received.Last(r => r.Kind == "feed").Query
        .Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

    private HttpVendorEndpoint Endpoint() => new(VendorId, _vendor.BaseUrl, _vendor.Secret);

    private static JsonObject Shipment(string id, string trackingNumber, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["trackingNumbers"] = new JsonArray(trackingNumber),
        ["carrier"] = "UPS",
        ["trackingUrls"] = new JsonArray($"https://www.ups.com/track?tracknum={trackingNumber}"),
        ["lines"] = new JsonArray(new JsonObject { ["lineId"] = "11", ["sku"] = "VENDOR-SKU-1", ["quantity"] = 1 }),
        ["shippedAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture),
    };
}
