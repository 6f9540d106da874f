namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// What POST /v2/checkout/orders/{id}/track adds: PayPal's order_tracker_request (developer.paypal.com/api/orders/v2/,
/// "Add tracking information for an Order"): capture_id (required, 1–50 alphanumerics: the capture's id, not the
/// authorization's), tracking_number (≤ 64), carrier (PayPal's carrier enum, e.g. USPS, UPS, FEDEX, DHL; OTHER with
/// carrier_name_other for a carrier the enum lacks), notify_payer (default false) and optional items.
/// </summary>
/// <param name="Carrier">PayPal's carrier code, mapped by the caller (this client does not map carrier names).</param>
public sealed record PayPalOrderTracker(
    string CaptureId,
    string TrackingNumber,
    string Carrier,
    string? CarrierNameOther = null,
    bool NotifyPayer = false,
    IReadOnlyList<PayPalTrackerItem>? Items = null);
