namespace OrderSync.Core.Messaging;

/// <summary>
/// Something a platform names instead of the merchant order: a Stripe PaymentIntent, a PayPal capture or order, a vendor's
/// order id. The correlation table maps it to the order once OrderSync has learnt which order it belongs to.
/// </summary>
public sealed record CorrelationRef(string Kind, string Value)
{
    public const string StripePaymentIntentKind = "stripe-payment-intent";
    public const string PayPalCaptureKind = "paypal-capture";

    public static CorrelationRef StripePaymentIntent(string id) => new(StripePaymentIntentKind, id);
    public static CorrelationRef StripeCharge(string id) => new("stripe-charge", id);
    public static CorrelationRef PayPalCapture(string id) => new(PayPalCaptureKind, id);
    public static CorrelationRef PayPalOrder(string id) => new("paypal-order", id);
    public static CorrelationRef VendorOrder(string vendorId, string vendorOrderId) => new($"vendor-order:{vendorId}", vendorOrderId);

    public override string ToString() => $"{Kind} {Value}";
}
