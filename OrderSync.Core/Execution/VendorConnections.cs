using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Core.Execution;

/// <summary>How to reach a configured vendor, or a permanent failure that says why it cannot be reached.</summary>
internal static class VendorConnections
{
    public static VendorOptions Vendor(this MerchantDirectory directory, string vendorId, string what) =>
        directory.Vendor(vendorId) ?? throw PlatformException.Permanent($"vendor {vendorId} is not configured: cannot {what}");

    public static ShopifyStore ShopifyStore(VendorOptions vendor) => new(vendor.ShopDomain!, vendor.AdminBaseUrl(), vendor.AccessToken!);

    public static ShipHeroAccount ShipHero(VendorOptions vendor) => ShipHeroAccount.From(Pushing(vendor));

    public static HttpVendorEndpoint Http(VendorOptions vendor) => HttpVendorEndpoint.From(Pushing(vendor));

    public static string Describe(VendorOptions vendor) => $"vendor {vendor.Id} ({vendor.Kind})";

    private static VendorOptions Pushing(VendorOptions vendor) => vendor.PushesOrders ? vendor
        : throw PlatformException.Permanent($"{Describe(vendor)} receives no calls from OrderSync: set OrderSync:Vendors:N:ApiBaseUrl to push to it");
}
