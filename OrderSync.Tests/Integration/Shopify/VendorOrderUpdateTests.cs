using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;

using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>orderUpdate on a vendor order, against the simulator over loopback.</summary>
[TestClass]
public sealed class VendorOrderUpdateTests
{
    [TestMethod]
    public async Task Address_contact_and_note_are_replaced()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        await kit.Updates.UpdateAsync(kit.Store, id, new VendorOrderChanges(
            ShippingAddress: new Address("Ada", "King", null, "12 St James's Square", null, "London", null, "GB", "SW1Y 4JH", "+441234567890"),
            Email: "ada.king@example.com", Phone: "+441234567890", Note: "ring twice"), CancellationToken.None);

        var order = kit.Side.Order(id)!;
        Assert.AreEqual("12 St James's Square", order.ShippingAddress!["address1"]!.GetValue<string>());
        Assert.AreEqual("SW1Y 4JH", order.ShippingAddress!["zip"]!.GetValue<string>());
        Assert.AreEqual("ada.king@example.com", order.Email);
        Assert.AreEqual("+441234567890", order.Phone);
        Assert.AreEqual("ring twice", order.Note);
        Assert.AreEqual(0, kit.Calls("order"), "no read is needed when neither tags nor attributes change");
    }

    [TestMethod]
    public async Task New_tags_and_attributes_keep_OrderSyncs_own()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        await kit.Updates.UpdateAsync(kit.Store, id, new VendorOrderChanges(
            Tags: ["gift", "ordersync-forged"],
            CustomAttributes: new Dictionary<string, string> { ["gift_message"] = "Happy birthday", ["ordersync_key"] = "forged" }),
            CancellationToken.None);

        var order = kit.Side.Order(id)!;
        CollectionAssert.AreEquivalent(new[] { "ordersync", ShopifyVendorOrders.IdempotencyTag(VendorShopifyKit.Key("1001")), "gift" }, order.Tags);
        var attributes = order.CustomAttributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.AreEqual("Happy birthday", attributes["gift_message"]);
        Assert.AreEqual(VendorShopifyKit.Key("1001"), attributes["ordersync_key"], "the idempotency attribute is never overwritten");
        Assert.IsNotNull(await kit.Orders.FindAsync(kit.Store, ShopifyVendorOrders.IdempotencyTag(VendorShopifyKit.Key("1001")), CancellationToken.None));
    }

    [TestMethod]
    public async Task The_same_update_twice_leaves_the_same_order()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        var changes = new VendorOrderChanges(Note: "n", Tags: ["a"]);

        await kit.Updates.UpdateAsync(kit.Store, id, changes, CancellationToken.None);
        var tags = kit.Side.Order(id)!.Tags.ToList();
        await kit.Updates.UpdateAsync(kit.Store, id, changes, CancellationToken.None);

        CollectionAssert.AreEqual(tags, kit.Side.Order(id)!.Tags);
    }

    [TestMethod]
    public async Task A_user_error_is_permanent_and_names_the_field_path()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        kit.Simulated.FailNext("orderUpdate", new ShopifyFault.UserError("shippingAddress.zip", "Zip is invalid for United Kingdom"));

        var failure = await PlatformFailures.FailureOf(() => kit.Updates.UpdateAsync(kit.Store, id, new VendorOrderChanges(Note: "x"), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "shippingAddress.zip: Zip is invalid for United Kingdom");
    }

    [TestMethod]
    public async Task An_unknown_order_is_a_permanent_user_error()
    {
        var kit = await VendorShopifyKit.StartAsync();

        var failure = await PlatformFailures.FailureOf(() =>
            kit.Updates.UpdateAsync(kit.Store, "gid://shopify/Order/1", new VendorOrderChanges(Note: "x"), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "id: Order does not exist");
    }
}
