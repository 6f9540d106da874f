using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.ShipHero;

/// <summary>A ShipHero account OrderSync pushes to: the vendor id (the token cache key), the API base, and its credentials.</summary>
public sealed record ShipHeroAccount(string VendorId, Uri ApiBaseUrl, string? Username, string? Password, string? RefreshToken)
{
    public static readonly Uri DefaultApiBaseUrl = new("https://public-api.shiphero.com/");

    public static ShipHeroAccount From(VendorOptions vendor)
    {
        return new ShipHeroAccount(vendor.Id, BaseUrl.WithTrailingSlash((vendor.ApiBaseUrl ?? DefaultApiBaseUrl).ToString()), vendor.Username, vendor.Password, vendor.RefreshToken);
    }

    public override string ToString() => VendorId; // never the credentials
}
