using System.Text.RegularExpressions;
using OrderSync.Core.Lifecycle;

namespace OrderSync.Core.Platforms.Carriers;

/// <summary>
/// Recognises a carrier from a tracking number's published format, only where the format is unambiguous.
/// Formats, check digits and test numbers: jkeen/tracking_number_data (couriers/ups.json, fedex.json, dhl.json, s10.json);
/// S10: UPU standard S10 (two letters, 8 digits, a mod-11 check digit, the issuing country's ISO code).
/// </summary>
public static partial class TrackingNumbers
{
    /// <summary>The carrier the number's format names, or null when the format is unknown or shared (e.g. a bare 12-digit number).</summary>
    public static Carrier? Detect(string? trackingNumber)
    {
        if (string.IsNullOrWhiteSpace(trackingNumber)) return null;
        var n = trackingNumber.Trim().ToUpperInvariant();

        if (Ups().IsMatch(n) && Mod10Holds(n[2..^1], n[^1], evensMultiplier: 1, oddsMultiplier: 2))
            return Carrier.Ups;                                           // "1Z" + 15 alphanumerics + mod-10 check digit
        if (FedExGround96().IsMatch(n) && Mod10Holds(n[7..21], n[21], evensMultiplier: 1, oddsMultiplier: 3))
            return Carrier.FedEx;                                         // "96" + 19 digits + mod-10 check over the 14-digit serial
        if (S10().Match(n) is { Success: true } s10 && S10CheckDigitHolds(s10.Groups["serial"].Value, s10.Groups["check"].Value[0]))
        {
            return s10.Groups["country"].Value switch
            {
                "US" => Carrier.Usps,
                "GB" => Carrier.RoyalMail,
                "CA" => Carrier.CanadaPost,
                "AU" => Carrier.AustraliaPost,
                "NL" => Carrier.PostNl,
                "FR" => Carrier.LaPoste,
                _ => null,                                                // another post: not in our table
            };
        }
        // IMpb: 20-22 digits starting 91-95. FedEx SmartPost / Ground Economy numbers (92…) are IMpb too: USPS delivers them.
        if (UspsImpb().IsMatch(n)) return Carrier.Usps;                   // IMpb: 20-22 digits starting 91-95
        if (DhlExpress().IsMatch(n) && Mod7Holds(n)) return Carrier.DhlExpress; // 10 digits, mod-7 check digit
        return null;
    }

    /// <summary>UPU S10 check digit: weights 8,6,4,2,3,5,9,7; 11 - sum mod 11; 10 → 0, 11 → 5.</summary>
    internal static bool S10CheckDigitHolds(string serial, char check)
    {
        int[] weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (serial[i] - '0') * weights[i];
        var digit = 11 - sum % 11;
        digit = digit switch { 10 => 0, 11 => 5, _ => digit };
        return check - '0' == digit;
    }

    /// <summary>
    /// tracking_number_data's "mod10": digits (a letter counts as (code − 3) mod 10) weighted by position, 0-based even
    /// positions × evensMultiplier, odd × oddsMultiplier; the check digit brings the sum up to a multiple of 10.
    /// (Checked against the library's valid/invalid test numbers for UPS and FedEx Ground 96.)
    /// </summary>
    internal static bool Mod10Holds(string serial, char check, int evensMultiplier, int oddsMultiplier)
    {
        if (!char.IsAsciiDigit(check)) return false;
        var sum = 0;
        for (var i = 0; i < serial.Length; i++)
        {
            var c = serial[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : (c - 3) % 10;
            sum += value * (i % 2 == 0 ? evensMultiplier : oddsMultiplier);
        }
        var digit = (10 - sum % 10) % 10;
        return check - '0' == digit;
    }

    /// <summary>DHL Express waybill: the last digit is the first nine taken as a number, mod 7 (tracking_number_data "mod7").</summary>
    internal static bool Mod7Holds(string digits) => long.Parse(digits[..^1]) % 7 == digits[^1] - '0';

    [GeneratedRegex("^1Z[0-9A-Z]{16}$")] private static partial Regex Ups();
    [GeneratedRegex("^(?<prefix>[A-Z]{2})(?<serial>[0-9]{8})(?<check>[0-9])(?<country>[A-Z]{2})$")] private static partial Regex S10();
    [GeneratedRegex("^96[0-9]{20}$")] private static partial Regex FedExGround96();
    [GeneratedRegex("^9[1-5][0-9]{18,20}$")] private static partial Regex UspsImpb();
    [GeneratedRegex("^[0-9]{10}$")] private static partial Regex DhlExpress();
}

/// <summary>Checks a tracking number before it is sent; a bad one is a permanent failure with a clear reason (retrying cannot fix it).</summary>
public static class TrackingNumberValidation
{
    /// <summary>PayPal: tracking_number maxLength 64 (developer.paypal.com orders v2 /track, see PLATFORMS.md).</summary>
    public const int PayPalMaxLength = 64;

    /// <summary>
    /// Shopify publishes no maximum for FulfillmentTrackingInput.number (none found on shopify.dev in this session);
    /// 255 is a conservative guard (a string column), configurable later if Shopify ever documents one.
    /// </summary>
    public const int ShopifyMaxLength = 255;

    /// <summary>Stripe: shipping.tracking_number — no published limit found; same guard as Shopify.</summary>
    public const int StripeMaxLength = 255;

    public static int MaxLength(TrackingTarget target) => target switch
    {
        TrackingTarget.PayPal => PayPalMaxLength,
        TrackingTarget.Shopify => ShopifyMaxLength,
        _ => StripeMaxLength,
    };

    /// <summary>The trimmed number, or null with the reason it must not be sent.</summary>
    public static (string? Number, string? Problem) Check(string? trackingNumber, TrackingTarget target)
    {
        var n = trackingNumber?.Trim();
        if (string.IsNullOrEmpty(n)) return (null, "The tracking number is empty.");
        if (n.Contains("://", StringComparison.Ordinal) || n.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            return (null, $"The tracking number '{Shorten(n)}' is a URL: put the URL in the tracking URL field and the number alone here.");
        if (n.Any(char.IsWhiteSpace))
            return (null, $"The tracking number '{Shorten(n)}' contains whitespace: one number per field, without spaces.");
        var max = MaxLength(target);
        if (n.Length > max)
            return (null, $"The tracking number is {n.Length} characters long; {target} accepts at most {max}.");
        return (n, null);
    }

    /// <summary>The trimmed number, or a permanent <see cref="PlatformException"/> naming the problem.</summary>
    public static string Require(string? trackingNumber, TrackingTarget target)
    {
        var (number, problem) = Check(trackingNumber, target);
        return number ?? throw PlatformException.Permanent($"{target}: {problem}");
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
