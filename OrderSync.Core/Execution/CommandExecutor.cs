using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Core.Execution;

/// <summary>Runs one command against its platform and reports the outcome as the signal the decider expects.</summary>
public sealed class CommandExecutor(MerchantDirectory directory, ShopifyVendorOrders shopifyVendors, SignalRouter router)
{
    public async Task<Signal> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        try
        {
            return command switch
            {
                PushOrderToVendor push => await PushAsync(push, cancellationToken),
                _ => throw new NotSupportedException($"no executor for {command.GetType().Name}"),
            };
        }
        catch (PlatformException e)
        {
            return new CommandFailed(command.Id, e.Kind, e.Reason, e.RetryAfter);
        }
    }

    private async Task<Signal> PushAsync(PushOrderToVendor push, CancellationToken cancellationToken)
    {
        var vendor = directory.Vendor(push.VendorId)
            ?? throw PlatformException.Permanent($"vendor {push.VendorId} is not configured");
        var created = vendor.Kind switch
        {
            VendorKind.ShopifyStore => await shopifyVendors.CreateAsync(
                new ShopifyStore(vendor.ShopDomain!, vendor.AdminBaseUrl(), vendor.AccessToken!), push.Draft, push.Id, cancellationToken),
            _ => throw PlatformException.Permanent($"vendor {push.VendorId} is of kind {vendor.Kind}, which cannot take orders yet"),
        };
        // The vendor's webhooks name its own order: from now on they find the merchant order through this link.
        await router.LinkAsync(new CorrelationLink(CorrelationRef.VendorOrder(push.VendorId, ShopifyIds.Numeric(created.Id)), push.Draft.MerchantOrder), cancellationToken);
        return new VendorOrderCreated(push.Id, created.Id, created.Name);
    }
}
