using System.Collections.Immutable;

namespace OrderSync.Core.Policy;

/// <summary>
/// A merchant's order-sync settings, named as merchants know them from Shipturtle's Order Sync settings,
/// plus the product mappings that route lines to vendors.
/// </summary>
public sealed record SyncSettings
{
    /// <summary>Master switch: when off, orders are recorded and visible but nothing is pushed.</summary>
    public bool EnableOrderSync { get; init; } = true;

    /// <summary>Hold an order until its payment is captured.</summary>
    public bool PushOnlyIfPaid { get; init; }

    /// <summary>Send lines with no product mapping to <see cref="DefaultVendorId"/> under the merchant's own SKU.</summary>
    public bool PushUnmappedProducts { get; init; }

    public string? DefaultVendorId { get; init; }

    public ImmutableArray<ProductMapping> ProductMappings { get; init; } = [];

    /// <summary>Why nothing is pushed when <see cref="EnableOrderSync"/> is off.</summary>
    public string DisabledReason { get; init; } = "order sync is switched off for this store";

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Settings for a store OrderSync has no configuration for: record its orders, push nothing.</summary>
    public static SyncSettings NotConfigured(string shop) => new()
    {
        EnableOrderSync = false,
        DisabledReason = $"store {shop} is not configured in OrderSync",
    };
}
