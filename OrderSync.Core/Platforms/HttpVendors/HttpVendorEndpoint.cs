using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.HttpVendors;

/// <summary>An HTTP vendor OrderSync pushes to: its id, the base URL of its order API, and the secret that signs the calls.</summary>
public sealed record HttpVendorEndpoint(string VendorId, Uri ApiBaseUrl, string Secret)
{
    public static HttpVendorEndpoint From(VendorOptions vendor)
    {
        var url = vendor.ApiBaseUrl?.ToString() ?? throw new InvalidOperationException($"vendor {vendor.Id} has no ApiBaseUrl");
        var secret = vendor.OutboundSecret ?? vendor.WebhookSecrets.FirstOrDefault()
            ?? throw new InvalidOperationException($"vendor {vendor.Id} has no secret to sign with");
        return new HttpVendorEndpoint(vendor.Id, BaseUrl.WithTrailingSlash(url), secret);
    }

    public override string ToString() => VendorId; // never the secret
}
