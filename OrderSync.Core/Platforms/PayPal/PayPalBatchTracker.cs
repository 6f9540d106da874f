namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// One tracker of the legacy POST /v1/shipping/trackers-batch (developer.paypal.com/api/tracking/v1/, deprecated in favour
/// of the Orders v2 track endpoint): transaction_id (the capture's transaction id), status (SHIPPED here), tracking_number,
/// carrier and carrier_name_other (with carrier OTHER). For captures whose order id is unknown.
/// </summary>
public sealed record PayPalBatchTracker(string TransactionId, string TrackingNumber, string Carrier, string? CarrierNameOther = null);
