using System.Collections.Immutable;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>
/// Order.fulfillmentOrders node: the work Shopify expects to be fulfilled from one location, named by
/// assignedLocation.location.id (null when Shopify gives no location).
/// </summary>
public sealed record ShopifyFulfillmentOrder(string Id, string? Status, ImmutableArray<ShopifyFulfillmentOrderLine> Lines, string? LocationId = null);

/// <summary>FulfillmentOrderLineItem: its own id (what fulfillmentCreate takes), the order line it stands for, and what is left to fulfil.</summary>
public sealed record ShopifyFulfillmentOrderLine(string Id, string LineItemId, int RemainingQuantity, int TotalQuantity);
