using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Order-level edits go to every pushed vendor order not fully shipped; an invalid address is never sent.</summary>
[TestClass]
public sealed class OrderChangeSpecs
{
    private static LifecycleSpec PushedToBoth() =>
        LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Created(VendorA), Created(VendorB));

    private static OrderUpdated Changed(Func<OrderBuilder, OrderBuilder> change) => Updated(change(MugAndTee().UpdatedMinutesLater(10)));

    public static IEnumerable<object[]> OrderLevelEdits =>
    [
        ["shipping address", (Func<OrderBuilder, OrderBuilder>)(o => o.WithAddress(LondonAddress with { Address1 = "2 Babbage St" }))],
        ["email", (Func<OrderBuilder, OrderBuilder>)(o => o.WithCustomer(Buyer with { Email = "ada@new.example" }))],
        ["phone", (Func<OrderBuilder, OrderBuilder>)(o => o.WithCustomer(Buyer with { Phone = "+15555550199" }))],
        ["note", (Func<OrderBuilder, OrderBuilder>)(o => o.WithNote("leave at the door"))],
        ["tags", (Func<OrderBuilder, OrderBuilder>)(o => o.WithTags("vip"))],
        ["shipping method", (Func<OrderBuilder, OrderBuilder>)(o => o.WithShippingMethod("Express"))],
    ];

    [TestMethod]
    [DynamicData(nameof(OrderLevelEdits))]
    public void Order_level_edit_is_sent_as_an_update_to_each_pushed_vendor_order(string field, Func<OrderBuilder, OrderBuilder> change)
    {
        var snapshot = Changed(change);

        var decision = PushedToBoth().When(snapshot);

        var updates = All<UpdateVendorOrder>(decision);
        Assert.HasCount(2, decision.Commands);
        CollectionAssert.AreEqual(new[] { (VendorA, VendorOrderId(VendorA)), (VendorB, VendorOrderId(VendorB)) },
            updates.Select(u => (u.VendorId, u.VendorOrderId)).ToArray());
        Assert.AreEqual(IdempotencyKeys.Update(Key, VendorA, 1), updates[0].Id);
        var expected = VendorOrderDetails.Of(snapshot.Order, TwoVendors().Build());
        Assert.IsTrue(updates.All(u => u.Details.Differences(expected).IsEmpty), field);
        Assert.IsTrue(decision.Notes.Any(n => n.Contains(field)), $"the note names the changed {field}");
    }

    [TestMethod]
    public void Edit_before_the_vendor_confirmed_the_push_is_sent_after_the_confirmation()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(MugAndTee()), Changed(o => o.WithNote("gift")));

        var decision = spec.When(Created(VendorA));

        var update = Single<UpdateVendorOrder>(decision);
        Assert.AreEqual((VendorA, "gift"), (update.VendorId, update.Details.Note));
    }

    public static IEnumerable<object[]> InvalidAddresses =>
    [
        [LondonAddress with { Address1 = " " }, "no street address"],
        [LondonAddress with { City = null }, "no city"],
        [LondonAddress with { CountryCode = "gb" }, "'gb'"],
        [LondonAddress with { CountryCode = "GBR" }, "'GBR'"],
        [LondonAddress with { Zip = null }, "no postal code (GB"],
        [LondonAddress with { CountryCode = "US", ProvinceCode = "NY", Zip = "" }, "no postal code (US"],
    ];

    [TestMethod]
    [DynamicData(nameof(InvalidAddresses))]
    public void Invalid_address_change_raises_attention_and_is_not_sent(Address invalid, string problem)
    {
        var decision = PushedToBoth().When(Changed(o => o.WithAddress(invalid)));

        Assert.IsEmpty(decision.Commands);
        Assert.Contains(problem, OpenAttention(decision, $"address:{VendorA}").Reason);
        Assert.AreEqual(OrderStatus.Attention, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Address_without_postal_code_is_valid_where_the_country_has_none()
    {
        var hongKong = new Address("Ada", "Lovelace", null, "1 Queen's Road", null, "Central", null, "HK", null, null);

        var decision = PushedToBoth().When(Changed(o => o.WithAddress(hongKong)));

        Assert.IsTrue(All<UpdateVendorOrder>(decision).All(u => u.Details.ShippingAddress == hongKong));
        AssertNoAttention(decision);
    }

    [TestMethod]
    public void Other_fields_changed_with_an_invalid_address_are_still_sent_with_the_old_address()
    {
        var decision = PushedToBoth().When(Changed(o => o.WithAddress(LondonAddress with { City = "" }).WithNote("ring twice")));

        var updates = All<UpdateVendorOrder>(decision);
        Assert.HasCount(2, updates);
        Assert.IsTrue(updates.All(u => u.Details.Note == "ring twice" && u.Details.ShippingAddress == LondonAddress));
        Assert.IsNotNull(OpenAttention(decision, $"address:{VendorA}"));
    }

    [TestMethod]
    public void Change_after_a_vendor_shipped_everything_raises_attention_for_it_and_updates_the_other()
    {
        var spec = PushedToBoth().Given(Shipped(VendorA, AShipment().Of("A-MUG", 2)));

        var decision = spec.When(Changed(o => o.WithNote("gift wrap")));

        Assert.AreEqual(VendorB, Single<UpdateVendorOrder>(decision).VendorId);
        Assert.Contains("after vendor vendor-a shipped everything", OpenAttention(decision, $"changed-after-shipment:{VendorA}").Reason);
    }

    [TestMethod]
    public void Change_after_a_partial_shipment_is_still_sent()
    {
        var spec = PushedToBoth().Given(Shipped(VendorA, AShipment().Of("A-MUG", 1)));

        var decision = spec.When(Changed(o => o.WithNote("gift wrap")));

        Assert.IsTrue(All<UpdateVendorOrder>(decision).Any(u => u.VendorId == VendorA));
    }

    [TestMethod]
    public void Invalid_address_at_push_time_holds_the_order_until_it_is_fixed()
    {
        var unfixed = Placed(MugAndTee().WithAddress(LondonAddress with { Zip = null }));
        var spec = LifecycleSpec.For(TwoVendors().Build());
        var placed = spec.When(unfixed);
        spec.Given(unfixed);

        var fixedAddress = spec.When(Changed(o => o));

        Assert.IsEmpty(placed.Commands);
        Assert.IsTrue(placed.State.SubOrders.All(s => s.Status == SubOrderStatus.Held && s.Reason!.Contains("no postal code")));
        CollectionAssert.AreEquivalent(new[] { PushToA, PushToB }, fixedAddress.Commands.Select(c => c.Id).ToArray());
        Assert.AreEqual(LondonAddress, All<PushOrderToVendor>(fixedAddress)[0].Draft.ShippingAddress);
    }

    [TestMethod]
    public void Second_change_while_an_update_is_in_flight_is_sent_after_it_succeeds()
    {
        var spec = PushedToBoth().Given(Changed(o => o.WithNote("first")), Updated(MugAndTee().WithNote("second").UpdatedMinutesLater(20)));

        var decision = spec.When(new CommandSucceeded(IdempotencyKeys.Update(Key, VendorA, 1)));

        var update = Single<UpdateVendorOrder>(decision);
        Assert.AreEqual((IdempotencyKeys.Update(Key, VendorA, 2), "second"), (update.Id, update.Details.Note));
    }

    [TestMethod]
    public void Address_fixed_after_an_invalid_change_is_sent()
    {
        var fixedAddress = LondonAddress with { Address1 = "3 Jacquard Loom Lane" };
        var spec = PushedToBoth().Given(Changed(o => o.WithAddress(LondonAddress with { Zip = "" })));

        var decision = spec.When(Updated(MugAndTee().WithAddress(fixedAddress).UpdatedMinutesLater(20)));

        Assert.IsTrue(All<UpdateVendorOrder>(decision).All(u => u.Details.ShippingAddress == fixedAddress));
        Assert.HasCount(2, decision.Commands);
    }
}
