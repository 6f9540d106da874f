using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Policy;

/// <summary>What a refund, reversal or dispute that comes before the vendor ships does to the order.</summary>
public enum PaymentReversalAction
{
    /// <summary>Hold what is not pushed yet; flag what is already at a vendor for a person to decide.</summary>
    Hold,

    /// <summary>Never push what is not pushed yet; cancel at the vendor what is pushed and not shipped.</summary>
    CancelAtVendor,
}

/// <summary>
/// A merchant's order-sync settings, named as merchants know them from Shipturtle's Order Sync settings,
/// plus the product mappings that route lines to vendors.
/// </summary>
public sealed record SyncSettings
{
    /// <summary>Master switch: when off, orders are recorded and visible but nothing is sent anywhere.</summary>
    public bool EnableOrderSync { get; init; } = true;

    /// <summary>Hold an order until its payment is captured.</summary>
    public bool PushOnlyIfPaid { get; init; }

    /// <summary>Send lines with no product mapping to <see cref="DefaultVendorId"/> under the merchant's own SKU.</summary>
    public bool PushUnmappedProducts { get; init; }

    public string? DefaultVendorId { get; init; }

    public ImmutableArray<ProductMapping> ProductMappings { get; init; } = [];

    /// <summary>Vendors receive <see cref="MerchantContact"/>'s name, email and phone instead of the buyer's; the shipping address is kept.</summary>
    public bool OverrideCustomerInfo { get; init; }

    public Customer? MerchantContact { get; init; }

    public bool SyncTrackingToShopify { get; init; } = true;

    public bool SyncTrackingToPayPal { get; init; } = true;

    public bool SyncTrackingToStripe { get; init; } = true;

    /// <summary>Send line-item edits (add, remove, quantity, variant swap) to vendors that have not started fulfilment.</summary>
    public bool PropagateLineEdits { get; init; } = true;

    public PaymentReversalAction OnPaymentReversal { get; init; } = PaymentReversalAction.Hold;

    /// <summary>Why nothing is sent when <see cref="EnableOrderSync"/> is off.</summary>
    public string DisabledReason { get; init; } = "order sync is switched off for this store";

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Who vendors are told the customer is: the merchant when customer info is overridden, else the buyer.</summary>
    public Customer ContactFor(Customer buyer) =>
        OverrideCustomerInfo && MerchantContact is { } merchant ? merchant : buyer;

    /// <summary>Settings for a store OrderSync has no configuration for: record its orders, send nothing.</summary>
    public static SyncSettings NotConfigured(string shop) => new()
    {
        EnableOrderSync = false,
        DisabledReason = $"store {shop} is not configured in OrderSync",
    };
}
