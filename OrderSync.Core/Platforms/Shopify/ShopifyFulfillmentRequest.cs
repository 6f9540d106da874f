using System.Collections.Immutable;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>
/// A fulfillment to create on a merchant order: exactly these fulfillment-order lines and quantities, with tracking.
/// <see cref="NotifyCustomer"/> null means the configured default (<see cref="ShopifyMerchantOptions.NotifyCustomer"/>).
/// </summary>
public sealed record ShopifyFulfillmentRequest(
    string OrderId,
    ImmutableArray<ShopifyFulfillmentLine> Lines,
    ImmutableArray<string> TrackingNumbers,
    ImmutableArray<string> TrackingUrls,
    string? Company,
    bool? NotifyCustomer = null,
    string? Message = null);

/// <summary>One fulfillment-order line item and how many of its units the fulfillment holds.</summary>
public sealed record ShopifyFulfillmentLine(string FulfillmentOrderId, string FulfillmentOrderLineItemId, int Quantity);
