using OrderSync.Core.Messaging;
using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Core.Platforms;

/// <summary>Payment references read from a Shopify order's transactions (where they live is configurable, Shopify does not document it).</summary>
[TestClass]
public sealed class ShopifyPaymentReferencesTests
{
    private static readonly ShopifyPaymentReferenceOptions Defaults = new();

    [TestMethod]
    public void A_successful_PayPal_capture_gives_its_capture_id()
    {
        var refs = ShopifyPaymentReferences.From([Tx("paypal", "CAPTURE", "SUCCESS", "3C679366HH908993F")], Defaults);

        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("3C679366HH908993F") }, refs.ToArray());
    }

    [TestMethod]
    public void A_PayPal_sale_counts_too_but_an_authorization_does_not()
    {
        var refs = ShopifyPaymentReferences.From(
            [Tx("paypal", "SALE", "SUCCESS", "SALE-1"), Tx("paypal", "AUTHORIZATION", "SUCCESS", "AUTH-1")], Defaults);

        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("SALE-1") }, refs.ToArray());
    }

    [TestMethod]
    public void A_failed_or_pending_transaction_gives_nothing()
    {
        var refs = ShopifyPaymentReferences.From(
            [Tx("paypal", "CAPTURE", "FAILURE", "X"), Tx("paypal", "CAPTURE", "PENDING", "Y")], Defaults);

        Assert.AreEqual(0, refs.Count);
    }

    [TestMethod]
    public void A_Stripe_PaymentIntent_is_read_from_the_receipt_when_it_looks_like_one()
    {
        var refs = ShopifyPaymentReferences.From(
            [Tx("stripe", "SALE", "SUCCESS", "ch_123", """{"payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa"}""")], Defaults);

        CollectionAssert.AreEqual(new[] { CorrelationRef.StripePaymentIntent("pi_3MtwBwLkdIwHu7ix28a3tqPa") }, refs.ToArray());
    }

    [TestMethod]
    public void A_receipt_that_is_not_JSON_is_ignored()
    {
        var refs = ShopifyPaymentReferences.From([Tx("stripe", "SALE", "SUCCESS", null, "not json")], Defaults);

        Assert.AreEqual(0, refs.Count);
    }

    [TestMethod]
    public void Other_gateways_give_nothing_unless_configured()
    {
        var manual = Tx("manual", "SALE", "SUCCESS", "M-1");
        Assert.AreEqual(0, ShopifyPaymentReferences.From([manual], Defaults).Count);

        var options = new ShopifyPaymentReferenceOptions { PayPal = new(["manual"], true, null, null) };
        CollectionAssert.AreEqual(new[] { CorrelationRef.PayPalCapture("M-1") }, ShopifyPaymentReferences.From([manual], options).ToArray());
    }

    [TestMethod]
    public void The_same_reference_twice_is_given_once()
    {
        var refs = ShopifyPaymentReferences.From([Tx("PayPal", "CAPTURE", "SUCCESS", "C1"), Tx("paypal", "CAPTURE", "SUCCESS", "C1")], Defaults);

        Assert.AreEqual(1, refs.Count);
    }

    private static ShopifyTransaction Tx(string gateway, string kind, string status, string? code, string? receipt = null) =>
        new("gid://shopify/OrderTransaction/1", gateway, kind, status, code, receipt);
}
