using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.SyncSettingsBuilder;

namespace OrderSync.Tests.Core;

/// <summary>An order's lines split into one sub-order per vendor by product mapping.</summary>
[TestClass]
public sealed class OrderRoutingTests
{
    [TestMethod]
    public void Lines_are_split_into_one_sub_order_per_vendor()
    {
        var order = AnOrder().WithLine("MUG").WithLine("TEE").WithLine("CAP").Build();
        var settings = ASettings().Mapping("MUG", "vendor-b", "B-MUG").Mapping("TEE", "vendor-a", "A-TEE").Mapping("CAP", "vendor-b", "B-CAP").Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.HasCount(2, routing.Vendors);
        CollectionAssert.AreEqual(new[] { "1", "3" }, routing.Vendors.Single(v => v.VendorId == "vendor-b").Lines.Select(l => l.MerchantLineId).ToArray());
        CollectionAssert.AreEqual(new[] { "2" }, routing.Vendors.Single(v => v.VendorId == "vendor-a").Lines.Select(l => l.MerchantLineId).ToArray());
        Assert.IsEmpty(routing.Unrouted);
    }

    [TestMethod]
    public void Vendors_are_sorted_by_vendor_id_whatever_the_line_order()
    {
        var order = AnOrder().WithLine("Z").WithLine("M").WithLine("A").Build();
        var settings = ASettings().Mapping("Z", "zeta").Mapping("M", "Mu").Mapping("A", "alpha").Build();

        var routing = OrderRouting.Route(order, settings);

        CollectionAssert.AreEqual(new[] { "Mu", "alpha", "zeta" }, routing.Vendors.Select(v => v.VendorId).ToArray(), "ordinal order");
    }

    [TestMethod]
    public void Vendor_sku_replaces_the_merchant_sku_and_the_rest_of_the_line_is_kept()
    {
        var order = AnOrder().WithLine("MUG", quantity: 3, price: 12.50m, title: "Blue mug").Build();
        var settings = ASettings().Mapping("MUG", "vendor-a", "VENDOR-MUG-77").Build();

        var line = OrderRouting.Route(order, settings).Vendors.Single().Lines.Single();

        Assert.AreEqual(new RoutedLine("1", "VENDOR-MUG-77", "Blue mug", 3, 12.50m), line);
    }

    [TestMethod]
    public void Unmapped_line_is_held_with_a_reason_naming_its_sku()
    {
        var order = AnOrder().WithLine("MUG").WithLine("UNKNOWN-42", title: "Mystery box").Build();
        var settings = ASettings().Mapping("MUG", "vendor-a").Build();

        var routing = OrderRouting.Route(order, settings);

        var unrouted = routing.Unrouted.Single();
        Assert.AreEqual("2", unrouted.MerchantLineId);
        Assert.Contains("UNKNOWN-42", unrouted.Reason);
        Assert.AreEqual("vendor-a", routing.Vendors.Single().VendorId);
        Assert.AreEqual("1", routing.Vendors.Single().Lines.Single().MerchantLineId);
    }

    [TestMethod]
    public void Line_without_sku_is_held_with_a_reason()
    {
        var order = AnOrder().WithLine(null, title: "Gift wrap").Build();

        var unrouted = OrderRouting.Route(order, ASettings().Mapping("MUG", "vendor-a").Build()).Unrouted.Single();

        Assert.AreEqual("1", unrouted.MerchantLineId);
        Assert.IsFalse(string.IsNullOrWhiteSpace(unrouted.Reason));
        Assert.Contains("Gift wrap", unrouted.Reason);
    }

    [TestMethod]
    public void Unmapped_lines_go_to_the_default_vendor_under_the_merchant_sku_when_allowed()
    {
        var order = AnOrder().WithLine("MUG").WithLine("UNKNOWN-42").WithLine(null, title: "Custom item").Build();
        var settings = ASettings().Mapping("MUG", "vendor-a", "A-MUG").PushUnmappedTo("catch-all").Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.IsEmpty(routing.Unrouted);
        var catchAll = routing.Vendors.Single(v => v.VendorId == "catch-all");
        CollectionAssert.AreEqual(new[] { "UNKNOWN-42", null }, catchAll.Lines.Select(l => l.VendorSku).ToArray());
        Assert.AreEqual("A-MUG", routing.Vendors.Single(v => v.VendorId == "vendor-a").Lines.Single().VendorSku);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    public void Push_unmapped_without_a_default_vendor_still_holds_the_line(string? defaultVendor)
    {
        var order = AnOrder().WithLine("UNKNOWN-42").Build();
        var settings = ASettings().PushUnmappedTo(defaultVendor).Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.IsEmpty(routing.Vendors);
        Assert.Contains("UNKNOWN-42", routing.Unrouted.Single().Reason);
    }

    [TestMethod]
    public void Default_vendor_alone_does_not_take_unmapped_lines()
    {
        var order = AnOrder().WithLine("UNKNOWN-42").Build();
        var settings = ASettings().Build() with { DefaultVendorId = "catch-all", PushUnmappedProducts = false };

        var routing = OrderRouting.Route(order, settings);

        Assert.IsEmpty(routing.Vendors);
        Assert.HasCount(1, routing.Unrouted);
    }

    [TestMethod]
    public void Zero_quantity_lines_are_skipped_neither_routed_nor_held()
    {
        var order = AnOrder().WithLine("MUG", quantity: 0).WithLine("UNKNOWN-42", quantity: 0).WithLine("TEE", quantity: 2).Build();
        var settings = ASettings().Mapping("MUG", "vendor-a").Mapping("TEE", "vendor-b").Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.AreEqual("vendor-b", routing.Vendors.Single().VendorId);
        Assert.AreEqual("3", routing.Vendors.Single().Lines.Single().MerchantLineId);
        Assert.IsEmpty(routing.Unrouted);
    }

    [TestMethod]
    [DataRow("mug")]
    [DataRow("MUG")]
    [DataRow("Mug")]
    public void Sku_match_ignores_case(string lineSku)
    {
        var order = AnOrder().WithLine(lineSku).Build();
        var settings = ASettings().Mapping("mUg", "vendor-a", "A-MUG").Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.AreEqual("A-MUG", routing.Vendors.Single().Lines.Single().VendorSku);
        Assert.IsEmpty(routing.Unrouted);
    }

    [TestMethod]
    public void Sku_match_is_exact_apart_from_case()
    {
        var order = AnOrder().WithLine("MUG ").WithLine("MUG-2").Build();
        var settings = ASettings().Mapping("MUG", "vendor-a").Build();

        var routing = OrderRouting.Route(order, settings);

        Assert.IsEmpty(routing.Vendors);
        Assert.HasCount(2, routing.Unrouted);
    }

    [TestMethod]
    public void Order_with_no_lines_routes_nothing()
    {
        var order = AnOrder().Build() with { Lines = [] };

        var routing = OrderRouting.Route(order, ASettings().Mapping("SKU-A", "vendor-a").Build());

        Assert.IsEmpty(routing.Vendors);
        Assert.IsEmpty(routing.Unrouted);
    }
}
