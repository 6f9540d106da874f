using System.Collections.Immutable;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Core.Execution;

/// <summary>Absolute vendor lines planned as a Shopify line edit of the vendor order as it is.</summary>
[TestClass]
public sealed class VendorLinePlanTests
{
    private static RoutedLine Wanted(string? sku, int quantity, string title = "Engine") => new("1", sku, title, quantity, 9.5m);

    [TestMethod]
    public void Quantities_are_set_by_SKU_lines_no_longer_wanted_go_to_zero_and_new_ones_are_added()
    {
        IReadOnlyList<VendorOrderLine> current = [new("gid://shopify/CalculatedLineItem/1", 2, "SKU-1", "Engine", null), new("gid://shopify/CalculatedLineItem/2", 5, "SKU-2", "Cards", null)];

        var edit = VendorLinePlan.For([Wanted("sku-1", 3), Wanted("SKU-3", 1, "Loom")], current, "EUR");

        CollectionAssert.AreEquivalent(new Dictionary<string, int> { [current[0].Id] = 3, [current[1].Id] = 0 }, edit.Quantities.ToDictionary());
        Assert.AreEqual(new VendorLineAddition(null, "Loom", "SKU-3", 9.5m, "EUR", 1), edit.Additions.Single());
    }

    [TestMethod]
    public void Two_merchant_lines_for_one_vendor_SKU_are_summed_onto_one_vendor_line()
    {
        IReadOnlyList<VendorOrderLine> current = [new("a", 2, "SKU-1", "Engine", null), new("b", 1, "SKU-1", "Engine", null)];

        var edit = VendorLinePlan.For([Wanted("SKU-1", 2), Wanted("SKU-1", 4)], current, "EUR");

        CollectionAssert.AreEquivalent(new Dictionary<string, int> { ["a"] = 6, ["b"] = 0 }, edit.Quantities.ToDictionary());
        Assert.IsEmpty(edit.Additions);
    }

    [TestMethod]
    public void A_custom_item_added_by_an_earlier_edit_has_no_SKU_and_is_found_by_its_title()
    {
        IReadOnlyList<VendorOrderLine> current = [new("c", 1, null, "Loom", null)];

        var edit = VendorLinePlan.For([Wanted("SKU-3", 2, "Loom")], current, "EUR");

        Assert.AreEqual(2, edit.Quantities["c"]);
        Assert.IsEmpty(edit.Additions);
    }

    [TestMethod]
    public void A_new_line_without_the_order_s_currency_is_a_permanent_failure()
    {
        var failure = Assert.ThrowsExactly<PlatformException>(() => VendorLinePlan.For([Wanted("SKU-9", 1)], [], currency: null));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
    }
}
