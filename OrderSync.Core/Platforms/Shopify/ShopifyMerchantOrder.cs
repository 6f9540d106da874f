using System.Collections.Immutable;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>A merchant's order as the Admin API answers order(id:): lines, payment transactions, fulfillment orders and fulfillments.</summary>
public sealed record ShopifyMerchantOrder(
    string Id,
    string? Name,
    ImmutableArray<ShopifyLineItem> LineItems,
    ImmutableArray<ShopifyTransaction> Transactions,
    ImmutableArray<ShopifyFulfillmentOrder> FulfillmentOrders,
    ImmutableArray<ShopifyFulfillment> Fulfillments);

/// <summary>Order.lineItems node (LineItem: id, sku, title, quantity).</summary>
public sealed record ShopifyLineItem(string Id, string? Sku, string? Title, int Quantity);

/// <summary>Order.transactions item (OrderTransaction: id, gateway, kind, status, authorizationCode, receiptJson).</summary>
public sealed record ShopifyTransaction(string Id, string? Gateway, string Kind, string Status, string? AuthorizationCode, string? ReceiptJson);

/// <summary>
/// A fulfillment that exists: its id, tracking numbers (Fulfillment.trackingInfo[].number), the fulfillment orders it
/// fulfils (Fulfillment.fulfillmentOrders) and the order lines and units it holds (Fulfillment.fulfillmentLineItems);
/// the last two are empty where not read (mutation payloads).
/// </summary>
public sealed record ShopifyFulfillment(
    string Id, ImmutableArray<string> TrackingNumbers, ImmutableArray<string> FulfillmentOrderIds, ImmutableArray<ShopifyFulfilledUnits> Lines);

/// <summary>FulfillmentLineItem: the order line (lineItem.id) and how many of its units the fulfillment holds (quantity).</summary>
public sealed record ShopifyFulfilledUnits(string LineItemId, int Quantity);
