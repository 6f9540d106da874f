using System.Collections.Frozen;
using System.Text;

namespace OrderSync.Core.Platforms.Carriers;

/// <summary>Maps free text, Shopify company names and PayPal codes onto one <see cref="Carrier"/> (sources: see Carrier.cs).</summary>
public static class CarrierNames
{
    /// <summary>PayPal's catch-all carrier code, sent with <c>carrier_name_other</c>.</summary>
    public const string PayPalOther = "OTHER";

    internal static readonly CarrierRow[] Table =
    [
        new(Carrier.Ups, "UPS", "UPS", "UPS", "ups ground", "united parcel service", "ups express", "ups standard"),
        new(Carrier.Usps, "USPS", "USPS", "USPS", "united states postal service", "us postal service", "usps priority mail", "usps first class"),
        new(Carrier.FedEx, "FedEx", "FedEx", "FEDEX", "federal express", "fedex ground", "fedex express", "fed ex"),
        new(Carrier.DhlExpress, "DHL Express", "DHL Express", "DHL", "dhl", "dhl worldwide express"),
        new(Carrier.DhlEcommerce, "DHL eCommerce", "DHL eCommerce", "DHL_GLOBAL_ECOMMERCE", "dhl ecommerce solutions", "dhl global mail", "dhl e-commerce"),
        new(Carrier.RoyalMail, "Royal Mail", "Royal Mail", "ROYAL_MAIL", "royalmail", "royal mail tracked 24", "royal mail tracked 48"),
        new(Carrier.CanadaPost, "Canada Post", "Canada Post", null, "postes canada", "canadapost"),
        new(Carrier.AustraliaPost, "Australia Post", "Australia Post", null, "auspost", "aus post"),
        new(Carrier.Dpd, "DPD", "DPD", "DPD", "dpd group"),
        new(Carrier.Gls, "GLS", "GLS", "GLS", "general logistics systems"),
        new(Carrier.PostNl, "PostNL", "PostNL", null, "post nl"),
        new(Carrier.LaPoste, "La Poste", "La Poste", null, "laposte"),
        new(Carrier.Colissimo, "Colissimo", "Colissimo", null, "la poste colissimo", "la poste/colissimo"),
        new(Carrier.Evri, "Evri", "Evri", null, "hermes uk", "myhermes"),
        new(Carrier.DeutschePost, "Deutsche Post", "Deutsche Post", null),
        new(Carrier.Chronopost, "Chronopost", "Chronopost", null),
    ];

    private static readonly FrozenDictionary<Carrier, CarrierRow> ByCarrier = Table.ToFrozenDictionary(r => r.Carrier);

    private static readonly FrozenDictionary<string, Carrier> ByKey = BuildKeys();

    private static FrozenDictionary<string, Carrier> BuildKeys()
    {
        var keys = new Dictionary<string, Carrier>(StringComparer.Ordinal);
        foreach (var row in Table)
            foreach (var text in new[] { row.Name, row.ShopifyCompany, row.PayPalCode }.Concat(row.Aliases))
                if (text is not null && !keys.TryAdd(Key(text), row.Carrier) && keys[Key(text)] != row.Carrier)
                    throw new InvalidOperationException($"Carrier alias '{text}' names two carriers.");
        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The carrier named by free text (any case, spacing, punctuation; a Shopify name or a PayPal code too), or null.</summary>
    public static Carrier? Resolve(string? freeText)
    {
        if (string.IsNullOrWhiteSpace(freeText)) return null;
        return ByKey.TryGetValue(Key(freeText), out var carrier) ? carrier : null;
    }

    /// <summary>The company name exactly as Shopify's list writes it (so Shopify builds the tracking URL).</summary>
    public static string ToShopifyCompany(Carrier carrier) => ByCarrier[carrier].ShopifyCompany;

    /// <summary>PayPal's carrier code, or OTHER with the carrier's name in <c>carrier_name_other</c>.</summary>
    public static (string Code, string? NameOther) ToPayPal(Carrier carrier) =>
        ByCarrier[carrier].PayPalCode is { } code ? (code, null) : (PayPalOther, ByCarrier[carrier].Name);

    /// <summary>For a carrier OrderSync does not know: Shopify gets the text as given, PayPal gets OTHER with it.</summary>
    public static (string Code, string? NameOther) ToPayPal(string unknownCarrierText) =>
        Resolve(unknownCarrierText) is { } known ? ToPayPal(known) : (PayPalOther, unknownCarrierText.Trim());

    /// <summary>Lower-case letters and digits only: "U.P.S.", "ups" and " UPS " all become "ups"; "&amp;" becomes "and".</summary>
    internal static string Key(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text.Replace("&", "and", StringComparison.Ordinal))
            if (char.IsLetterOrDigit(c)) key.Append(char.ToLowerInvariant(c));
        return key.ToString();
    }
}
