using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.Carriers;

namespace OrderSync.Core.Execution;

/// <summary>A shipment's tracking checked and named for one target: what every tracking report does before it sends.</summary>
internal static class ReportedTracking
{
    /// <summary>The numbers, trimmed; a number the target must not get is a permanent failure naming the problem.</summary>
    public static ImmutableArray<string> Numbers(Tracking tracking, TrackingTarget target) =>
        tracking.Numbers.IsDefault ? [] : [.. tracking.Numbers.Select(n => TrackingNumberValidation.Require(n, target)).Distinct(StringComparer.Ordinal)];

    public static ImmutableArray<string> Urls(Tracking tracking) => tracking.Urls.IsDefault ? [] : tracking.Urls;

    /// <summary>The carrier the vendor named, else the one the tracking number's format names (when unambiguous).</summary>
    public static Carrier? Carrier(Tracking tracking, ImmutableArray<string> numbers) =>
        CarrierNames.Resolve(tracking.Carrier) ?? numbers.Select(TrackingNumbers.Detect).FirstOrDefault(c => c is not null);

    /// <summary>Shopify's own name for a known carrier (so it builds the tracking URL); otherwise the vendor's text as given.</summary>
    public static string? ShopifyCompany(Tracking tracking, ImmutableArray<string> numbers) =>
        Carrier(tracking, numbers) is { } known ? CarrierNames.ToShopifyCompany(known)
        : string.IsNullOrWhiteSpace(tracking.Carrier) ? null : tracking.Carrier.Trim();
}
