// Payment references from a merchant order's transactions (OrderTransaction {gateway kind status authorizationCode receiptJson}):
//   https://shopify.dev/docs/api/admin-graphql/latest/objects/OrderTransaction
// Shopify documents authorizationCode only as "The authorization code associated with the transaction" and receiptJson as
// "The transaction receipt that the payment gateway attaches to the transaction. The value of this field depends on which
// payment gateway processed the transaction." It does NOT document which of them carries PayPal's capture id or Stripe's
// PaymentIntent id, nor the exact gateway names. So every one of those choices is configurable below (ShopifyPaymentReferenceOptions);
// the defaults are assumptions to confirm against a live store.
using System.Text.Json;
using OrderSync.Core.Messaging;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>Where the gateway's own id is read from: the transaction's authorizationCode, or a top-level property of its receiptJson.</summary>
public sealed record PaymentReferenceSource(IReadOnlyList<string> Gateways, bool FromAuthorizationCode, string? ReceiptProperty, string? RequiredPrefix);

/// <summary>Configurable: which gateways are PayPal / Stripe and where their ids live (not confirmed by Shopify's docs).</summary>
public sealed class ShopifyPaymentReferenceOptions
{
    public const string Section = "OrderSync:Shopify:PaymentReferences";

    /// <summary>PayPal capture id: assumed to be the authorizationCode of a successful CAPTURE or SALE (receipt property as fallback).</summary>
    public PaymentReferenceSource PayPal { get; set; } = new(["paypal"], FromAuthorizationCode: true, ReceiptProperty: "transaction_id", RequiredPrefix: null);

    /// <summary>Stripe PaymentIntent id: assumed to be the receipt's "payment_intent" (or an authorizationCode) starting "pi_".</summary>
    public PaymentReferenceSource Stripe { get; set; } = new(["stripe"], FromAuthorizationCode: true, ReceiptProperty: "payment_intent", RequiredPrefix: "pi_");
}

/// <summary>Turns an order's transactions into the correlation references the signal router links by. Pure.</summary>
public static class ShopifyPaymentReferences
{
    private static readonly string[] Settling = ["CAPTURE", "SALE"];

    public static IReadOnlyList<CorrelationRef> From(IEnumerable<ShopifyTransaction> transactions, ShopifyPaymentReferenceOptions options)
    {
        var refs = new List<CorrelationRef>();
        foreach (var t in transactions.Where(t => string.Equals(t.Status, "SUCCESS", StringComparison.OrdinalIgnoreCase)))
        {
            if (IsGateway(t, options.PayPal) && Settling.Contains(t.Kind.ToUpperInvariant()) && Reference(t, options.PayPal) is { } capture)
                refs.Add(CorrelationRef.PayPalCapture(capture));
            else if (IsGateway(t, options.Stripe) && Reference(t, options.Stripe) is { } intent)
                refs.Add(CorrelationRef.StripePaymentIntent(intent));
        }
        return [.. refs.Distinct()];
    }

    private static bool IsGateway(ShopifyTransaction t, PaymentReferenceSource source) =>
        t.Gateway is { } g && source.Gateways.Contains(g, StringComparer.OrdinalIgnoreCase);

    private static string? Reference(ShopifyTransaction t, PaymentReferenceSource source)
    {
        if (source.FromAuthorizationCode && Accept(t.AuthorizationCode, source)) return t.AuthorizationCode;
        if (source.ReceiptProperty is { } property && ReceiptValue(t.ReceiptJson, property) is { } value && Accept(value, source)) return value;
        return null;
    }

    private static bool Accept(string? value, PaymentReferenceSource source) =>
        !string.IsNullOrWhiteSpace(value) && (source.RequiredPrefix is null || value.StartsWith(source.RequiredPrefix, StringComparison.Ordinal));

    private static string? ReceiptValue(string? receiptJson, string property)
    {
        if (string.IsNullOrWhiteSpace(receiptJson)) return null;
        try
        {
            using var document = JsonDocument.Parse(receiptJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                   && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
