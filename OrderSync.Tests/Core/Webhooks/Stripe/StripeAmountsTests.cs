using OrderSync.Core.Orders;
using OrderSync.Core.Webhooks.Stripe;

namespace OrderSync.Tests.Core.Webhooks.Stripe;

/// <summary>Minor units to amounts, per docs.stripe.com/currencies (zero-decimal list; three-decimal currencies).</summary>
[TestClass]
public sealed class StripeAmountsTests
{
    [TestMethod]
    [DataRow("BIF"), DataRow("CLP"), DataRow("DJF"), DataRow("GNF"), DataRow("JPY"), DataRow("KMF"), DataRow("KRW"), DataRow("MGA")]
    [DataRow("PYG"), DataRow("RWF"), DataRow("UGX"), DataRow("VND"), DataRow("VUV"), DataRow("XAF"), DataRow("XOF"), DataRow("XPF")]
    public void Every_currency_on_Stripes_zero_decimal_list_takes_whole_units(string currency) =>
        Assert.AreEqual(new Money(500m, currency), StripeAmounts.ToMoney(500, currency));

    [TestMethod]
    [DataRow("BHD"), DataRow("JOD"), DataRow("KWD"), DataRow("OMR"), DataRow("TND")]
    public void A_three_decimal_currency_takes_thousandths(string currency) =>
        Assert.AreEqual(new Money(5.12m, currency), StripeAmounts.ToMoney(5120, currency));

    [TestMethod]
    [DataRow("USD"), DataRow("EUR"), DataRow("GBP"), DataRow("ISK"), DataRow("HUF"), DataRow("TWD")]
    public void Other_currencies_including_Stripes_two_decimal_special_cases_take_hundredths(string currency) =>
        Assert.AreEqual(new Money(10.99m, currency), StripeAmounts.ToMoney(1099, currency));

    [TestMethod]
    public void Zero_is_zero_in_every_currency()
    {
        Assert.AreEqual(0m, StripeAmounts.ToMoney(0, "USD").Amount);
        Assert.AreEqual(0m, StripeAmounts.ToMoney(0, "JPY").Amount);
    }

    [TestMethod]
    public void The_largest_Stripe_amount_converts_exactly() =>
        Assert.AreEqual(999_999.99m, StripeAmounts.ToMoney(99_999_999, "USD").Amount); // "up to eight digits" (PaymentIntent.amount)

    [TestMethod]
    [DataRow("usd", "USD")]
    [DataRow("Jpy", "JPY")]
    [DataRow("EUR", "EUR")]
    public void A_currency_code_is_upper_cased(string code, string expected) =>
        Assert.AreEqual(expected, StripeAmounts.Currency(code));

    [TestMethod]
    [DataRow(null), DataRow(""), DataRow("us"), DataRow("usdt"), DataRow("u$d"), DataRow("ü$d"), DataRow("12 ")]
    public void Text_that_is_not_three_ASCII_letters_is_no_currency(string? code) =>
        Assert.IsNull(StripeAmounts.Currency(code));
}
