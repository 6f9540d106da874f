using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Support;

/// <summary>Builds a merchant's sync settings: sync on, no mappings, default retry policy, changed only where a test says.</summary>
public sealed class SyncSettingsBuilder
{
    private SyncSettings _settings = new();
    private readonly List<ProductMapping> _mappings = [];

    public static SyncSettingsBuilder ASettings() => new();

    public SyncSettingsBuilder Mapping(string merchantSku, string vendorId, string? vendorSku = null)
    {
        _mappings.Add(new ProductMapping(merchantSku, vendorId, vendorSku ?? $"{vendorId}-{merchantSku}"));
        return this;
    }

    public SyncSettingsBuilder SyncSwitchedOff() { _settings = _settings with { EnableOrderSync = false }; return this; }

    public SyncSettingsBuilder PushOnlyIfPaid() { _settings = _settings with { PushOnlyIfPaid = true }; return this; }

    public SyncSettingsBuilder PushUnmappedTo(string? defaultVendorId)
    {
        _settings = _settings with { PushUnmappedProducts = true, DefaultVendorId = defaultVendorId };
        return this;
    }

    public SyncSettingsBuilder WithRetry(RetryPolicy retry) { _settings = _settings with { Retry = retry }; return this; }

    public SyncSettingsBuilder OverrideCustomerWith(Customer merchant)
    {
        _settings = _settings with { OverrideCustomerInfo = true, MerchantContact = merchant };
        return this;
    }

    public SyncSettingsBuilder LineEditsNotPropagated() { _settings = _settings with { PropagateLineEdits = false }; return this; }

    public SyncSettingsBuilder OnPaymentReversal(PaymentReversalAction action) { _settings = _settings with { OnPaymentReversal = action }; return this; }

    public SyncSettingsBuilder NoTrackingTo(TrackingTarget target)
    {
        _settings = target switch
        {
            TrackingTarget.Shopify => _settings with { SyncTrackingToShopify = false },
            TrackingTarget.PayPal => _settings with { SyncTrackingToPayPal = false },
            _ => _settings with { SyncTrackingToStripe = false },
        };
        return this;
    }

    public SyncSettings Build() => _settings with { ProductMappings = [.. _mappings] };
}
