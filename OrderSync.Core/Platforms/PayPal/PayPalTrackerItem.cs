namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// One item of a shipment, as PayPal's tracker_item names it (developer.paypal.com/sdk/orders/v2/definitions/tracker):
/// name, quantity (a whole number sent as a string), sku. PayPal answers 422 ITEM_SKU_MISMATCH when the sku is not one of
/// the order's items.
/// </summary>
public sealed record PayPalTrackerItem(string? Name, int Quantity, string? Sku);
