using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>Vendors, secrets and samples shared by the ShipHero and HTTP vendor webhook tests.</summary>
internal static class VendorWebhookFixtures
{
    public const string ShipHeroVendorId = "acme-3pl";
    public const string ShipHeroSecret = "test-shared-signature-secret";
    public const string HttpVendorId = "acme-http";
    public const string HttpVendorSecret = "vendor_test_secret_1";
    public const string StoreVendorId = "vendor-store";

    /// <summary>The time the worked HTTP vendor example is signed at: 2026-11-23T10:00:00Z.</summary>
    public const long WorkedExampleTimestamp = 1795428000;
    public static readonly DateTimeOffset WorkedExampleTime = DateTimeOffset.FromUnixTimeSeconds(WorkedExampleTimestamp);

    public static VendorOptions Vendor(string id, VendorKind kind, params string[] secrets) =>
        new() { Id = id, Kind = kind, WebhookSecrets = [.. secrets], ShopDomain = kind == VendorKind.ShopifyStore ? "vendor.myshopify.com" : null };

    /// <summary>A ShipHero vendor, an HTTP vendor and a vendor Shopify store, each configured with both vendor secrets, so only the kind tells them apart.</summary>
    public static MerchantDirectory Directory() => Directory(
        Vendor(ShipHeroVendorId, VendorKind.ShipHero, ShipHeroSecret, HttpVendorSecret),
        Vendor(HttpVendorId, VendorKind.HttpVendor, HttpVendorSecret, ShipHeroSecret),
        Vendor(StoreVendorId, VendorKind.ShopifyStore, ShipHeroSecret, HttpVendorSecret));

    public static MerchantDirectory Directory(params VendorOptions[] vendors) =>
        new(Options.Create(new SyncConfiguration { Vendors = [.. vendors] }));

    public static WebhookHeaders Headers(params (string Name, string Value)[] headers) =>
        new(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));

    /// <summary>The bytes of a file under samples/ (copied next to the tests), exactly as stored.</summary>
    public static byte[] Sample(string folder, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", folder, name));

    public static JsonObject SampleJson(string folder, string name) => JsonNode.Parse(Sample(folder, name))!.AsObject();

    public static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrderSync.sln"))) return File.ReadAllText(Path.Combine(dir.FullName, relativePath));
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds OrderSync.sln");
    }

    /// <summary>Every prefix of the body, cut each <paramref name="step"/> bytes: truncated deliveries a parser must survive.</summary>
    public static IEnumerable<byte[]> Truncations(byte[] body, int step = 7)
    {
        for (var length = 0; length < body.Length; length += step) yield return body[..length];
    }
}
