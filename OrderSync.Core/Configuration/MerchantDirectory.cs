using Microsoft.Extensions.Options;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Configuration;

/// <summary>Answers each store's sync settings and each vendor's connection, from validated configuration.</summary>
public sealed class MerchantDirectory(IOptions<SyncConfiguration> options)
{
    private readonly Dictionary<string, SyncSettings> _settings = options.Value.Merchants
        .ToDictionary(m => m.Shop, m => ToSettings(m, options.Value.Retry.ToPolicy()), StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MerchantOptions> _merchants = options.Value.Merchants
        .ToDictionary(m => m.Shop, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, VendorOptions> _vendors = options.Value.Vendors.ToDictionary(v => v.Id, StringComparer.Ordinal);

    public SyncSettings SettingsFor(string shop) =>
        _settings.TryGetValue(shop, out var settings) ? settings : SyncSettings.NotConfigured(shop);

    /// <summary>The merchant's own Shopify store, as OrderSync calls it; a permanent failure naming the setting when it cannot be called.</summary>
    public ShopifyStore MerchantStore(string shop)
    {
        if (!_merchants.TryGetValue(shop, out var merchant))
            throw PlatformException.Permanent($"store {shop} is not configured in OrderSync");
        if (string.IsNullOrEmpty(merchant.AccessToken))
            throw PlatformException.Permanent($"store {shop} has no Admin API token: set OrderSync:Merchants:N:AccessToken in the environment");
        return new ShopifyStore(merchant.Shop, BaseUrl.ShopifyAdmin(merchant.AdminApiBaseUrl, merchant.Shop), merchant.AccessToken);
    }

    /// <summary>The merchants' own stores OrderSync can call: those with an Admin API token.</summary>
    public IEnumerable<ShopifyStore> ConnectedMerchantStores() =>
        _merchants.Values.Where(m => !string.IsNullOrEmpty(m.AccessToken)).Select(m => MerchantStore(m.Shop));

    public VendorOptions? Vendor(string vendorId) => _vendors.GetValueOrDefault(vendorId);

    public IEnumerable<VendorOptions> Vendors() => _vendors.Values;

    public IEnumerable<VendorOptions> ShopifyVendors() => _vendors.Values.Where(v => v.Kind == VendorKind.ShopifyStore);

    /// <summary>The vendor whose Shopify store has this domain, if the domain is a vendor's and not a merchant's.</summary>
    public VendorOptions? ShopifyVendor(string shopDomain) =>
        ShopifyVendors().FirstOrDefault(v => string.Equals(v.ShopDomain, shopDomain, StringComparison.OrdinalIgnoreCase));
    /// <summary>The vendor with this id when it is of this kind (e.g. the account segment of a webhook route); null otherwise.</summary>
    public VendorOptions? Vendor(string? vendorId, VendorKind kind) =>
        vendorId is not null && _vendors.GetValueOrDefault(vendorId) is { } vendor && vendor.Kind == kind ? vendor : null;

    private static SyncSettings ToSettings(MerchantOptions m, RetryPolicy retry) => new()
    {
        EnableOrderSync = m.EnableOrderSync,
        PushOnlyIfPaid = m.PushOnlyIfPaid,
        PushUnmappedProducts = m.PushUnmappedProducts,
        DefaultVendorId = m.DefaultVendorId,
        ProductMappings = [.. m.ProductMappings.Select(p => new ProductMapping(p.MerchantSku, p.VendorId, p.VendorSku))],
        OverrideCustomerInfo = m.OverrideCustomerInfo,
        MerchantContact = m.MerchantContact is { } c ? new Orders.Customer(c.FirstName, c.LastName, c.Email, c.Phone) : null,
        SyncTrackingToShopify = m.SyncTrackingToShopify,
        SyncTrackingToPayPal = m.SyncTrackingToPayPal,
        SyncTrackingToStripe = m.SyncTrackingToStripe,
        PropagateLineEdits = m.PropagateLineEdits,
        OnPaymentReversal = m.OnPaymentReversal,
        Retry = retry,
    };
}
