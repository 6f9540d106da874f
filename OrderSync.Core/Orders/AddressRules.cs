using System.Collections.Immutable;

namespace OrderSync.Core.Orders;

/// <summary>
/// Whether an address can be sent to a vendor: a name, a street, a city, an ISO country code, a postal code where the
/// country uses one, a state or province where the country's carriers require one.
/// </summary>
public static class AddressRules
{
    /// <summary>ISO 3166-1 countries without a postal code system (per the Universal Postal Union's addressing guides).</summary>
    private static readonly ImmutableHashSet<string> NoPostalCode = ImmutableHashSet.Create(StringComparer.Ordinal,
        "AE", "AG", "AN", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ",
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
        if (country is null || country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
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
