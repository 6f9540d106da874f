using System.Collections.Immutable;

namespace OrderSync.Core.Orders;

/// <summary>
/// Whether an address can be sent to a vendor: a name, a street, a city, an ISO country code, a postal code where the
/// country uses one, a state or province where the country's carriers require one.
/// </summary>
public static class AddressRules
{
    /// <summary>The officially assigned ISO 3166-1 alpha-2 codes, plus XK (Kosovo), which Shopify and the carriers use.</summary>
    private static readonly ImmutableHashSet<string> Countries = ImmutableHashSet.Create(StringComparer.Ordinal, "XK",
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE",
        "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD",
        "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
        "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
        "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU",
        "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
        "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
        "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
        "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
        "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI",
        "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK",
        "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
        "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW");

    /// <summary>ISO 3166-1 countries without a postal code system (per the Universal Postal Union's addressing guides).</summary>
    private static readonly ImmutableHashSet<string> NoPostalCode = ImmutableHashSet.Create(StringComparer.Ordinal,
        "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ",
        "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "JM", "KE", "KI", "KM", "KN", "KP", "LY", "ML",
        "MO", "MR", "MW", "NR", "NU", "PA", "QA", "RW", "SB", "SC", "SL", "SO", "SR", "SS", "ST", "SY", "TD", "TF", "TG",
        "TK", "TL", "TO", "TT", "TV", "TZ", "UG", "VU", "YE", "ZW");

    private static readonly ImmutableHashSet<string> ProvinceRequired = ImmutableHashSet.Create(StringComparer.Ordinal, "US", "CA", "AU", "BR", "MX");

    /// <summary>What is wrong with the address; empty when it can be sent.</summary>
    public static ImmutableArray<string> Problems(Address address)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (Blank(address.FirstName) && Blank(address.LastName) && Blank(address.Company)) problems.Add("no recipient name");
        if (Blank(address.Address1)) problems.Add("no street address");
        if (Blank(address.City)) problems.Add("no city");
        var country = address.CountryCode?.Trim();
        if (country is null || !Countries.Contains(country))
            problems.Add($"country code '{address.CountryCode}' is not an ISO 3166-1 alpha-2 code");
        else
        {
            if (Blank(address.Zip) && !NoPostalCode.Contains(country)) problems.Add($"no postal code ({country} uses one)");
            if (Blank(address.ProvinceCode) && ProvinceRequired.Contains(country)) problems.Add($"no state or province ({country} requires one)");
        }
        return problems.ToImmutable();
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}
