using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Polling;
using OrderSync.Core.Webhooks.ShipHero;
using OrderSync.Sandbox.ShipHero;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Polling;

/// <summary>The tracking poll of a ShipHero account (on the ShipHero simulator): shipments(date_from) becomes VendorShipped signals.</summary>
[TestClass]
public sealed class ShipHeroPollTests : ShipmentFeedContract
{
    private ShipHeroSimulator _simulator = null!;
    private ShipHeroVendorOrders _orders = null!;
    private (string Id, DateTimeOffset At) _lastShipment;

    protected override string VendorId => "acme-3pl";

    protected override int PageSize => 50; // ShipHeroShipments asks for 50 shipments a page

    internal override async Task<PollWorld> StartWorldAsync()
    {
        _simulator = await ShipHeroSimulator.StartAsync();
        var client = new ShipHeroGraphQlClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
            new ShipHeroTokens(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System), TestStorage.Wrap(new ShipHeroOptions()), TimeProvider.System);
        _orders = new ShipHeroVendorOrders(client);
        var vendor = new VendorOptions
        {
            Id = VendorId, Kind = VendorKind.ShipHero, ApiBaseUrl = _simulator.BaseUrl, Username = _simulator.Username, Password = _simulator.Password,
        };
        return await PollWorld.StartAsync([vendor], new ShipHeroShipmentFeed(new ShipHeroShipments(client), TimeProvider.System));
    }

    protected override async Task StopVendorAsync() => await _simulator.DisposeAsync();

    /// <summary>Pushed as OrderSync pushes (partner_order_id = the merchant order key), so no link is needed to route it.</summary>
    protected override async Task<string> ShipAsync(OrderKey merchantOrder, string trackingNumber, DateTimeOffset at)
    {
        var orderId = await VendorOrderAsync(merchantOrder, async () => (await _orders.CreateAsync(Account(), Draft(merchantOrder), CancellationToken.None)).Id);
        var id = _simulator.Ship(at, orderId, "UPS", [trackingNumber], ("li-1", "VENDOR-SKU-1", 1));
        _lastShipment = (id, at);
        return id;
    }

    protected override Task<string> ShipUnknownOrderAsync(string trackingNumber, DateTimeOffset at)
    {
        var orderId = _simulator.SeedOrder("Order #243", "#243"); // entered at ShipHero, unknown to OrderSync
        _simulator.Ship(at, orderId, "UPS", [trackingNumber], ("li-1", "VENDOR-SKU-1", 1));
        return Task.FromResult(orderId);
    }

    protected override string? LastPageCursorAsked() =>
        _simulator.Received.Last(r => r.Field == "shipments").Variables["after"]?.GetValue<string>();

    /// <summary>The Shipment Update webhook of the same shipment (its documented fields, with this shipment's values).</summary>
    protected override void AssertAsItsWebhookGives(SignalEnvelope polled)
    {
        var tracking = ((VendorShipped)polled.Signal).Shipment.TrackingNumbers.Single();
        var body = new JsonObject
        {
            ["webhook_type"] = "Shipment Update",
            ["fulfillment"] = new JsonObject
            {
                ["shipment_id"] = long.Parse(_lastShipment.Id, CultureInfo.InvariantCulture),
                ["partner_order_id"] = Merchant.ToString(),
                ["order_uuid"] = VendorOrderOf(Merchant),
                ["tracking_number"] = tracking,
                ["custom_tracking_url"] = $"https://track.example/UPS/{tracking}",
                ["shipping_carrier"] = "UPS",
                ["line_items"] = new JsonArray(new JsonObject { ["id"] = "li-1", ["sku"] = "VENDOR-SKU-1", ["quantity"] = 1 }),
                ["created_at"] = _lastShipment.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            },
        };
        AssertSameAsWebhook(ShipHeroShipmentNormalizer.Normalize(VendorId, Encoding.UTF8.GetBytes(body.ToJsonString()), null, DateTimeOffset.UtcNow), polled);
    }

    [TestMethod]
    public async Task The_read_asks_for_unvoided_shipments_created_since_the_cursor()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(1);
        await ShipAsync(Merchant, "1Z999AA10123456784", at);
        await World.PollAsync();

        await World.PollAsync();

        var asked = _simulator.Received.Last(r => r.Field == "shipments").Variables;
        Assert.AreEqual(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), asked["date_from"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task A_vendor_ShipHero_cannot_answer_fails_its_poll_and_keeps_its_cursor()
    {
        await ShipAsync(Merchant, "1Z999AA10123456784", DateTimeOffset.UtcNow);
        _simulator.FailNext("shipments", new ShipHeroFault.OperationError("internal error"));

        var failed = await World.PollAsync();

        CollectionAssert.AreEqual(new[] { VendorId }, failed.FailedVendors.ToArray());
        Assert.IsNull(await World.CursorAsync(VendorId));
        Assert.AreEqual(1, (await World.PollAsync()).Routed);
    }

    private ShipHeroAccount Account() => new(VendorId, _simulator.BaseUrl, _simulator.Username, _simulator.Password, null);
}
