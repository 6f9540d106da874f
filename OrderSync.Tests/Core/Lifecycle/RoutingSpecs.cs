using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Routing: one sub-order per vendor by product mapping; unmapped lines to the default vendor or held; PII override.</summary>
[TestClass]
public sealed class RoutingSpecs
{
    private static readonly Customer Merchant = new("Shop", "Support", "support@merchant.example", "+4420000000");

    [TestMethod]
    public void Order_is_split_into_one_push_per_vendor_each_with_only_its_lines_under_the_vendor_sku()
    {
        var order = AnOrder().WithLine("MUG", 2).WithLine("TEE").WithLine("CAP", 3);

        var decision = LifecycleSpec.For(TwoVendors().Build()).When(Placed(order));

        var pushes = All<PushOrderToVendor>(decision);
        CollectionAssert.AreEqual(new[] { VendorA, VendorB }, pushes.Select(p => p.VendorId).ToArray());
        CollectionAssert.AreEqual(new[] { ("1", "A-MUG", 2) }, pushes[0].Draft.Lines.Select(l => (l.MerchantLineId, l.VendorSku, l.Quantity)).ToArray());
        CollectionAssert.AreEqual(new[] { ("2", "B-TEE", 1), ("3", "B-CAP", 3) }, pushes[1].Draft.Lines.Select(l => (l.MerchantLineId, l.VendorSku, l.Quantity)).ToArray());
        Assert.IsTrue(decision.State.SubOrders.All(s => s.Status == SubOrderStatus.Pushing));
    }

    [TestMethod]
    public void Unmapped_line_goes_to_the_default_vendor_under_the_merchant_sku_when_allowed()
    {
        var decision = LifecycleSpec.For(TwoVendors().PushUnmappedTo("vendor-default").Build())
            .When(Placed(AnOrder().WithLine("MUG").WithLine("POSTER")));

        var push = All<PushOrderToVendor>(decision).Single(p => p.VendorId == "vendor-default");
        Assert.AreEqual(("2", "POSTER"), (push.Draft.Lines.Single().MerchantLineId, push.Draft.Lines.Single().VendorSku));
        Assert.IsEmpty(decision.State.Unrouted);
    }

    [TestMethod]
    public void Unmapped_line_is_held_with_reason_unmapped_sku_when_not_allowed_while_mapped_lines_are_pushed()
    {
        var decision = LifecycleSpec.For(TwoVendors().Build()).When(Placed(AnOrder().WithLine("MUG").WithLine("POSTER", title: "Poster")));

        Assert.AreEqual(VendorA, Single<PushOrderToVendor>(decision).VendorId);
        var held = decision.State.Unrouted.Single();
        Assert.AreEqual("2", held.MerchantLineId);
        Assert.StartsWith("unmapped SKU POSTER", held.Reason);
        Assert.AreEqual(OrderStatus.Held, OrderStatus.Of(decision.State));
    }

    [TestMethod]
    public void Held_unmapped_line_is_pushed_when_a_mapping_appears_and_an_operator_reevaluates()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(AnOrder().WithLine("MUG").WithLine("POSTER")), Created(VendorA));

        var decision = spec.WithSettings(TwoVendors().Mapping("POSTER", VendorB, "B-POSTER").Build()).When(new OperatorReevaluate("ops@merchant"));

        var push = Single<PushOrderToVendor>(decision);
        Assert.AreEqual((VendorB, PushToB), (push.VendorId, push.Id));
        Assert.AreEqual("B-POSTER", push.Draft.Lines.Single().VendorSku);
        Assert.IsEmpty(decision.State.Unrouted);
        Assert.AreEqual(SubOrderStatus.Pushed, Sub(decision, VendorA).Status, "what was already pushed is left alone");
    }

    [TestMethod]
    public void Order_with_no_line_to_fulfil_is_recorded_and_not_pushed()
    {
        var decision = LifecycleSpec.For(TwoVendors().Build()).When(Placed(AnOrder().WithLine("MUG", quantity: 0)));

        Assert.IsEmpty(decision.Commands);
        Assert.IsEmpty(decision.State.SubOrders);
        Assert.AreEqual(OrderStatus.Recorded, OrderStatus.Of(decision.State));
        Assert.IsTrue(decision.Notes.Any(n => n.Contains("nothing to push")));
    }

    [TestMethod]
    public void Customer_override_replaces_name_email_and_phone_in_the_push_draft_and_keeps_the_shipping_address()
    {
        var decision = LifecycleSpec.For(TwoVendors().OverrideCustomerWith(Merchant).Build()).When(Placed(AnOrder().WithLine("MUG")));

        var draft = Single<PushOrderToVendor>(decision).Draft;
        Assert.AreEqual(Merchant, draft.Customer);
        Assert.AreEqual(LondonAddress, draft.ShippingAddress);
    }

    [TestMethod]
    public void Customer_override_holds_in_later_updates_and_a_buyer_contact_change_is_not_sent()
    {
        var spec = LifecycleSpec.For(TwoVendors().OverrideCustomerWith(Merchant).Build()).Given(Placed(AnOrder().WithLine("MUG")), Created(VendorA));
        var newAddress = LondonAddress with { Address1 = "2 Difference Engine Rd" };

        var contactOnly = spec.When(Updated(AnOrder().WithLine("MUG").WithCustomer(Buyer with { Email = "ada@new.example" }).UpdatedMinutesLater(5)));
        var addressToo = spec.When(Updated(AnOrder().WithLine("MUG").WithCustomer(Buyer with { Email = "ada@new.example" }).WithAddress(newAddress).UpdatedMinutesLater(5)));

        Assert.IsEmpty(contactOnly.Commands, "the vendor holds the merchant's contact, which did not change");
        var update = Single<UpdateVendorOrder>(addressToo);
        Assert.AreEqual(Merchant, update.Details.Customer);
        Assert.AreEqual(newAddress, update.Details.ShippingAddress);
    }
}
