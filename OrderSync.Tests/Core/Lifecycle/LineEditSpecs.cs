using OrderSync.Core.Lifecycle;
using OrderSync.Core.Policy;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Core.Lifecycle;

/// <summary>Line edits (orders/edited deltas, orders/updated snapshots) reach vendors as absolute lines, or cancel, push or flag.</summary>
[TestClass]
public sealed class LineEditSpecs
{
    private static readonly DateTimeOffset EditedAt = LifecycleSpec.Start.AddMinutes(5);

    /// <summary>Line 1: 2 × MUG at vendor-a; line 2: 1 × TEE and line 3: 1 × CAP at vendor-b; both pushed.</summary>
    private static OrderBuilder ThreeLines() => AnOrder().WithLine("MUG", 2).WithLine("TEE").WithLine("CAP");

    private static LifecycleSpec Pushed(SyncSettingsBuilder? settings = null) =>
        LifecycleSpec.For((settings ?? TwoVendors()).Build()).Given(Placed(ThreeLines()), Created(VendorA), Created(VendorB));

    private static OrderEdited Edit(string? id, LineDelta[] additions, LineDelta[] removals) => new(id, [.. additions], [.. removals], EditedAt);

    private static (string, string?, int)[] Lines(EditVendorOrderLines edit) => [.. edit.Lines.Select(l => (l.MerchantLineId, l.VendorSku, l.Quantity))];

    [TestMethod]
    public void Edit_adding_units_to_a_known_line_sends_the_vendor_its_lines_with_absolute_quantities()
    {
        var decision = Pushed().When(Edit("edit-1", [new LineDelta("2", 2)], []));

        var edit = Single<EditVendorOrderLines>(decision);
        Assert.AreEqual((IdempotencyKeys.EditLines(Key, VendorB, 1), VendorB, VendorOrderId(VendorB)), (edit.Id, edit.VendorId, edit.VendorOrderId));
        CollectionAssert.AreEquivalent(new[] { ("2", "B-TEE", 3), ("3", "B-CAP", 1) }, Lines(edit));
        Assert.AreEqual(1, Sub(decision, VendorB).Revision);
    }

    [TestMethod]
    public void Snapshot_with_a_changed_quantity_sends_the_vendor_its_lines()
    {
        var decision = Pushed().When(Updated(AnOrder().WithLine("MUG", 5).WithLine("TEE").WithLine("CAP").UpdatedMinutesLater(5)));

        var edit = Single<EditVendorOrderLines>(decision);
        Assert.AreEqual(VendorA, edit.VendorId);
        CollectionAssert.AreEqual(new[] { ("1", "A-MUG", 5) }, Lines(edit));
    }

    [TestMethod]
    public void Line_removed_to_zero_is_left_out_of_the_vendors_lines()
    {
        var decision = Pushed().When(Edit("edit-1", [], [new LineDelta("3", 1)]));

        CollectionAssert.AreEqual(new[] { ("2", "B-TEE", 1) }, Lines(Single<EditVendorOrderLines>(decision)));
    }

    [TestMethod]
    public void Removing_a_vendors_only_line_cancels_its_order()
    {
        var decision = Pushed().When(Edit("edit-1", [], [new LineDelta("1", 2)]));

        var cancel = Single<CancelVendorOrder>(decision);
        Assert.AreEqual((IdempotencyKeys.Cancel(Key, VendorA), VendorA, VendorOrderId(VendorA)), (cancel.Id, cancel.VendorId, cancel.VendorOrderId));
        Assert.AreEqual(SubOrderStatus.Cancelling, Sub(decision, VendorA).Status);
        Assert.Contains("removed", cancel.Reason);
    }

    [TestMethod]
    public void New_line_in_a_snapshot_is_added_to_its_vendors_order()
    {
        var decision = Pushed().When(Updated(ThreeLines().WithLine("TEE", 2, title: "Tee, blue").UpdatedMinutesLater(5)));

        CollectionAssert.AreEquivalent(new[] { ("2", "B-TEE", 1), ("3", "B-CAP", 1), ("4", "B-TEE", 2) }, Lines(Single<EditVendorOrderLines>(decision)));
    }

    [TestMethod]
    public void Variant_swap_within_a_vendor_replaces_the_old_line_with_the_new_one()
    {
        var swapped = AnOrder().WithLine("MUG", 2).WithLine("TEE", 0).WithLine("CAP").WithLineId("4", "CAP", 1, title: "Cap, red").UpdatedMinutesLater(5);

        var decision = Pushed().When(Updated(swapped));

        CollectionAssert.AreEquivalent(new[] { ("3", "B-CAP", 1), ("4", "B-CAP", 1) }, Lines(Single<EditVendorOrderLines>(decision)));
    }

    [TestMethod]
    public void Line_swapped_to_another_vendors_product_cancels_at_one_vendor_and_pushes_at_the_other()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(AnOrder().WithLine("MUG")), Created(VendorA));

        var decision = spec.When(Updated(AnOrder().WithLine("MUG", 0).WithLine("TEE").UpdatedMinutesLater(5)));

        Assert.HasCount(2, decision.Commands);
        Assert.AreEqual(VendorA, All<CancelVendorOrder>(decision).Single().VendorId);
        var push = All<PushOrderToVendor>(decision).Single();
        Assert.AreEqual((VendorB, "2", "B-TEE"), (push.VendorId, push.Draft.Lines.Single().MerchantLineId, push.Draft.Lines.Single().VendorSku));
    }

    [TestMethod]
    public void Line_edit_is_not_sent_and_raises_attention_when_propagation_is_off()
    {
        var decision = Pushed(TwoVendors().LineEditsNotPropagated()).When(Edit("edit-1", [new LineDelta("1", 1)], []));

        Assert.IsEmpty(decision.Commands);
        Assert.Contains("propagating line edits is off", OpenAttention(decision, $"lines-not-propagated:{VendorA}").Reason);
    }

    [TestMethod]
    public void Line_edit_after_the_vendor_shipped_raises_attention_and_is_not_sent()
    {
        var decision = Pushed().Given(Shipped(VendorB, AShipment().Of("B-TEE"))).When(Edit("edit-1", [], [new LineDelta("3", 1)]));

        Assert.IsFalse(decision.Commands.OfType<EditVendorOrderLines>().Any());
        Assert.Contains("after vendor vendor-b started fulfilment", OpenAttention(decision, $"lines-after-fulfilment:{VendorB}").Reason);
    }

    [TestMethod]
    public void Edit_adding_an_unknown_line_waits_for_the_snapshot_that_names_it()
    {
        var spec = Pushed();
        var edit = spec.When(Edit("edit-1", [new LineDelta("4", 1)], []));
        spec.Given(Edit("edit-1", [new LineDelta("4", 1)], []));

        var snapshot = spec.When(Updated(ThreeLines().WithLineId("4", "MUG", 1).UpdatedAt(EditedAt)));

        AssertUnchanged(Pushed(), edit);
        CollectionAssert.AreEquivalent(new[] { ("1", "A-MUG", 2), ("4", "A-MUG", 1) }, Lines(Single<EditVendorOrderLines>(snapshot)));
    }

    [TestMethod]
    public void Confirmed_line_edit_becomes_what_the_vendor_holds()
    {
        var spec = Pushed().Given(Edit("edit-1", [new LineDelta("1", 1)], []));

        var decision = spec.When(new CommandSucceeded(IdempotencyKeys.EditLines(Key, VendorA, 1)));

        Assert.AreEqual(3, Sub(decision, VendorA).Lines.Single().Quantity);
        Assert.IsNull(decision.State.WorkFor(Slots.Vendor(VendorA)));
        Assert.IsEmpty(decision.Commands);
    }

    [TestMethod]
    public void Line_edit_during_an_in_flight_push_is_sent_once_the_vendor_confirms_the_push()
    {
        var spec = LifecycleSpec.For(TwoVendors().Build()).Given(Placed(ThreeLines()), Edit("edit-1", [new LineDelta("1", 1)], []));

        var decision = spec.When(Created(VendorA));

        CollectionAssert.AreEqual(new[] { ("1", "A-MUG", 3) }, Lines(Single<EditVendorOrderLines>(decision)));
    }
}
