namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// A tracker on a PayPal order, as GET /v2/checkout/orders/{id} lists it in purchase_units[].shipping.trackers[] (PayPal's
/// "tracker": id, status SHIPPED | CANCELLED, items, links, create_time, update_time; developer.paypal.com/sdk/orders/v2/definitions/tracker).
/// PayPal's tracker does not echo the tracking number or the carrier.
/// </summary>
/// <param name="AlreadyPresent">True when the order already had this tracker, so nothing was added.</param>
public sealed record PayPalTracker(string Id, string? Status, bool AlreadyPresent = false)
{
    public const string Shipped = "SHIPPED";
    public const string Cancelled = "CANCELLED";
}
