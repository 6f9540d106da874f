using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Platforms.Shopify;
using static OrderSync.Core.Execution.VendorConnections;

namespace OrderSync.Core.Execution;

/// <summary>Push, update, edit and cancel a vendor's order, on whichever kind of vendor it is.</summary>
public sealed class VendorOrderCommands(
    MerchantDirectory directory,
    ShopifyVendorOrders shopifyOrders,
    ShopifyVendorOrderUpdates shopifyUpdates,
    ShopifyVendorOrderEdits shopifyEdits,
    ShopifyVendorOrderCancellation shopifyCancellation,
    ShipHeroVendorOrders shipHero,
    HttpVendorClient httpVendors,
    SignalRouter router)
{
    /// <summary>The vendor's kind, null when it is not configured.</summary>
    public VendorKind? KindOf(string vendorId) => directory.Vendor(vendorId)?.Kind;

    /// <param name="mayHaveRun">An earlier run may have created the order: a Shopify vendor store is searched for it first.</param>
    public async Task<Signal> PushAsync(PushOrderToVendor push, bool mayHaveRun, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(push.VendorId, "push the order");
        var created = vendor.Kind switch
        {
            VendorKind.ShopifyStore => await shopifyOrders.CreateAsync(ShopifyStore(vendor), push.Draft, push.Id, mayHaveRun, cancellationToken),
            VendorKind.ShipHero => await shipHero.CreateAsync(ShipHero(vendor), push.Draft, cancellationToken),
            _ => await httpVendors.CreateAsync(Http(vendor), push.Draft, push.Id, cancellationToken),
        };
        await LinkAsync(vendor, created, push.Draft.MerchantOrder, cancellationToken);
        return new VendorOrderCreated(push.Id, created.Id, created.Name);
    }

    /// <summary>
    /// The vendor's webhooks name its own order (Shopify by number, ShipHero by order_uuid, an HTTP vendor by vendorOrderId):
    /// from now on they find the merchant order through this link.
    /// </summary>
    private Task LinkAsync(VendorOptions vendor, VendorOrderRef made, Orders.OrderKey merchantOrder, CancellationToken cancellationToken)
    {
        var linked = vendor.Kind == VendorKind.ShopifyStore ? ShopifyIds.Numeric(made.Id) : made.Id;
        return router.LinkAsync(new CorrelationLink(CorrelationRef.VendorOrder(vendor.Id, linked), merchantOrder), cancellationToken);
    }

    /// <summary>
    /// Sends the order-level fields each vendor API takes. Shopify's orderUpdate has no shipping method, and ShipHero's and the
    /// HTTP vendor API's updates take address, contact and note only: the other fields stay as they were pushed.
    /// </summary>
    public async Task<Signal> UpdateAsync(UpdateVendorOrder update, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(update.VendorId, "update the order");
        var details = update.Details;
        switch (vendor.Kind)
        {
            case VendorKind.ShopifyStore:
                await shopifyUpdates.UpdateAsync(ShopifyStore(vendor), update.VendorOrderId, new VendorOrderChanges(
                    details.ShippingAddress, details.Customer.Email, details.Customer.Phone, details.Note ?? "", details.Tags), cancellationToken);
                break;
            case VendorKind.ShipHero:
                await shipHero.UpdateAsync(ShipHero(vendor), update.VendorOrderId, details.ShippingAddress, details.Customer, details.Note ?? "", cancellationToken);
                break;
            default:
                await httpVendors.UpdateAsync(Http(vendor), update.VendorOrderId, details.ShippingAddress, details.Customer, details.Note ?? "", update.Id, cancellationToken);
                break;
        }
        return new CommandSucceeded(update.Id);
    }

    public async Task<Signal> EditLinesAsync(EditVendorOrderLines edit, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(edit.VendorId, "edit the order's lines");
        if (vendor.Kind != VendorKind.ShopifyStore)
            throw PlatformException.Permanent($"{Describe(vendor)} does not accept line edits from OrderSync: change the order there");
        await shopifyEdits.EditAsync(ShopifyStore(vendor), edit.VendorOrderId,
            lines => VendorLinePlan.For(edit.Lines, lines, edit.Currency, staffNote: $"OrderSync: merchant order {edit.Order} edited"), cancellationToken);
        return new CommandSucceeded(edit.Id);
    }

    public async Task<Signal> CancelAsync(CancelVendorOrder cancel, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(cancel.VendorId, "cancel the order");
        switch (vendor.Kind)
        {
            case VendorKind.ShopifyStore:
                await shopifyCancellation.CancelAsync(ShopifyStore(vendor), cancel.VendorOrderId, VendorCancelReason.Other, restock: true,
                    staffNote: $"OrderSync: {cancel.Reason}", cancellationToken);
                break;
            case VendorKind.ShipHero:
                await shipHero.CancelAsync(ShipHero(vendor), cancel.VendorOrderId, cancel.Reason, cancellationToken);
                break;
            default:
                await httpVendors.CancelAsync(Http(vendor), cancel.VendorOrderId, cancel.Reason, cancel.Id, cancellationToken);
                break;
        }
        return new CommandSucceeded(cancel.Id);
    }

    /// <summary>
    /// Asks the vendor for the order a push that failed without an answer made (a Shopify store by the push's tag, ShipHero by
    /// partner order id) and cancels it when there is one. An HTTP vendor's API has no such question: a person must check.
    /// </summary>
    public async Task<Signal> CancelUnconfirmedPushAsync(CancelUnconfirmedPush cancel, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(cancel.VendorId, "cancel the order");
        var made = vendor.Kind switch
        {
            VendorKind.ShopifyStore => await shopifyOrders.FindAsync(ShopifyStore(vendor), ShopifyVendorOrders.IdempotencyTag(cancel.PushId), cancellationToken),
            VendorKind.ShipHero => await shipHero.FindAsync(ShipHero(vendor), ShipHeroVendorOrders.PartnerOrderId(cancel.Order), cancellationToken),
            _ => throw PlatformException.Permanent(
                $"an attempt to push to {Describe(vendor)} failed before it confirmed, and its API cannot be asked whether the order reached it: if it holds merchant order {cancel.Order}, cancel it there"),
        };
        if (made is null) return new CommandSucceeded(cancel.Id);
        await LinkAsync(vendor, made, cancel.Order, cancellationToken);
        await CancelAsync(new CancelVendorOrder(cancel.Id, cancel.Order, cancel.VendorId, made.Id, cancel.Reason), cancellationToken);
        return new CommandSucceeded(cancel.Id, made.Id);
    }
}
