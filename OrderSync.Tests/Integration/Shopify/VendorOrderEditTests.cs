using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;

using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>orderEditBegin → changes → orderEditCommit on a vendor order, against the simulator over loopback.</summary>
[TestClass]
public sealed class VendorOrderEditTests
{
    [TestMethod]
    public async Task Quantities_change_a_line_is_removed_and_variant_and_custom_lines_are_added_in_one_commit()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        var lines = kit.Side.Order(id)!.Lines;

        await kit.Edits.EditAsync(kit.Store, id, new VendorLineEdit(
            new Dictionary<string, int> { [lines[0].Id] = 3, [lines[1].Id] = 0 },
            [new VendorLineAddition("gid://shopify/ProductVariant/42", null, null, null, null, 1),
             new VendorLineAddition(null, "Gift wrap", "WRAP", 2.5m, "EUR", 1)],
            StaffNote: "OrderSync: merchant order #1001 edited"), CancellationToken.None);

        var after = kit.Side.Order(id)!.Lines;
        Assert.AreEqual(3, after[0].Quantity);
        Assert.AreEqual(0, after[1].Quantity);
        Assert.AreEqual("gid://shopify/ProductVariant/42", after[2].VariantId);
        Assert.AreEqual("Gift wrap", after[3].Title);
        Assert.AreEqual(1, kit.Calls("orderEditBegin"));
        Assert.AreEqual(1, kit.Calls("orderEditCommit"));
        var commit = kit.Simulated.Received.Single(r => r.Field == "orderEditCommit").Variables;
        Assert.AreEqual("OrderSync: merchant order #1001 edited", commit["staffNote"]!.GetValue<string>());
        var custom = kit.Simulated.Received.Single(r => r.Field == "orderEditAddCustomItem").Variables;
        Assert.AreEqual("EUR", custom["price"]!["currencyCode"]!.GetValue<string>());
        Assert.AreEqual(0, kit.Side.UncommittedEdits);
    }

    [TestMethod]
    public async Task The_same_edit_retried_after_it_committed_adds_nothing_twice()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        var edit = new VendorLineEdit(
            new Dictionary<string, int> { [kit.Side.Order(id)!.Lines[0].Id] = 4 },
            [new VendorLineAddition("gid://shopify/ProductVariant/42", null, null, null, null, 2)]);

        await kit.Edits.EditAsync(kit.Store, id, edit, CancellationToken.None);
        await kit.Edits.EditAsync(kit.Store, id, edit, CancellationToken.None);

        var lines = kit.Side.Order(id)!.Lines;
        Assert.AreEqual(3, lines.Count);
        Assert.AreEqual(4, lines[0].Quantity);
        Assert.AreEqual(1, kit.Calls("orderEditAddVariant"));
        Assert.AreEqual(1, kit.Calls("orderEditCommit"), "the second run finds nothing to change and commits nothing");
    }

    [TestMethod]
    [DataRow("orderEditSetQuantity")]
    [DataRow("orderEditAddVariant")]
    [DataRow("orderEditCommit")]
    public async Task A_failure_midway_commits_nothing_says_so_and_the_retry_applies_the_edit(string failing)
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        var edit = new VendorLineEdit(
            new Dictionary<string, int> { [kit.Side.Order(id)!.Lines[0].Id] = 4 },
            [new VendorLineAddition("gid://shopify/ProductVariant/42", null, null, null, null, 1)]);
        kit.Simulated.FailNext(failing, new ShopifyFault.ServerError(502));

        var failure = await PlatformFailures.FailureOf(() => kit.Edits.EditAsync(kit.Store, id, edit, CancellationToken.None));

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "was not committed: the order is unchanged");
        Assert.AreEqual(2, kit.Side.Order(id)!.Lines[0].Quantity);
        Assert.AreEqual(2, kit.Side.Order(id)!.Lines.Count);
        Assert.AreEqual(1, kit.Side.UncommittedEdits);

        await kit.Edits.EditAsync(kit.Store, id, edit, CancellationToken.None);

        Assert.AreEqual(4, kit.Side.Order(id)!.Lines[0].Quantity);
        Assert.AreEqual(3, kit.Side.Order(id)!.Lines.Count);
    }

    [TestMethod]
    public async Task A_user_error_on_a_step_is_permanent_and_names_the_field()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        kit.Simulated.FailNext("orderEditSetQuantity", new ShopifyFault.UserError("quantity", "Quantity can't be less than the fulfilled quantity"));

        var failure = await PlatformFailures.FailureOf(() => kit.Edits.EditAsync(kit.Store, id,
            new VendorLineEdit(new Dictionary<string, int> { [kit.Side.Order(id)!.Lines[0].Id] = 1 }, []), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "quantity: Quantity can't be less than the fulfilled quantity");
        Assert.AreEqual(2, kit.Side.Order(id)!.Lines[0].Quantity);
    }

    [TestMethod]
    public async Task A_line_the_order_does_not_have_is_permanent()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        var failure = await PlatformFailures.FailureOf(() => kit.Edits.EditAsync(kit.Store, id,
            new VendorLineEdit(new Dictionary<string, int> { ["gid://shopify/LineItem/1"] = 1 }, []), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "no editable line gid://shopify/LineItem/1");
    }

    [TestMethod]
    public async Task A_cancelled_order_cannot_be_edited()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        await kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Customer, restock: true, null, CancellationToken.None);

        var failure = await PlatformFailures.FailureOf(() => kit.Edits.EditAsync(kit.Store, id,
            new VendorLineEdit(new Dictionary<string, int> { [kit.Side.Order(id)!.Lines[0].Id] = 1 }, []), CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "id: The order is cancelled");
    }
}
