using System.Collections.Frozen;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Webhooks.Stripe;

/// <summary>
/// Stripe amounts are integers in the currency's minor unit, with the currency as a lower-case ISO code
/// (docs.stripe.com/currencies, "Minor units in API amounts"): 1000 is 10.00 USD, but 1000 JPY is 1000 yen.
/// </summary>
public static class StripeAmounts
{
    /// <summary>Stripe's zero-decimal currencies, as listed at docs.stripe.com/currencies#zero-decimal.</summary>
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"],
        StringComparer.Ordinal);

    /// <summary>
    /// Three-decimal currencies (ISO 4217 exponent 3). docs.stripe.com/currencies#three-decimal says the API takes them in
    /// thousandths ("5.124 KWD must be rounded to 5120 or 5130"); the codes are those ISO 4217 gives three decimals and
    /// Stripe lists (BHD, JOD, KWD, OMR, TND). Every other currency, including the special cases ISK, HUF and TWD that
    /// Stripe still takes with two decimals, has two.
    /// </summary>
    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.ToFrozenSet(["BHD", "JOD", "KWD", "OMR", "TND"], StringComparer.Ordinal);

    /// <summary>The ISO code upper-cased, or null when the text is not three ASCII letters.</summary>
    public static string? Currency(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;

    /// <summary>How many decimals the minor unit has for an upper-case ISO code.</summary>
    public static int Exponent(string currency) =>
        ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static Money ToMoney(long minorUnits, string currency) =>
        new(minorUnits / Scale(Exponent(currency)), currency);

    private static decimal Scale(int exponent) => exponent switch { 0 => 1m, 3 => 1000m, _ => 100m };
}
