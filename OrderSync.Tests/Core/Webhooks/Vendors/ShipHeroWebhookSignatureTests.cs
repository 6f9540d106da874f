using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.ShipHero;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// ShipHero signs a webhook with a base64 HMAC-SHA256 of the raw body, keyed with the shared_signature_secret of the
/// webhook, in X-ShipHero-HMAC-SHA256 (name configurable: see ShipHeroOptions). The route's last segment names the
/// ShipHero vendor whose secrets are used.
/// </summary>
[TestClass]
public sealed class ShipHeroWebhookSignatureTests
{
    // ShipHero publishes no test vector. This one was computed independently of OrderSync with
    //   openssl dgst -sha256 -hmac 'test-shared-signature-secret' -binary samples/shiphero/shipment-update.json | base64
    // over the documented Shipment Update sample (samples/shiphero/README.md).
    private const string VectorSignature = "tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4=";
    private const string Header = "X-ShipHero-HMAC-SHA256";

    private static readonly byte[] SampleBody = Sample("shiphero", "shipment-update.json");

    private static Authenticity Verify(byte[] body, string? signature, string? vendorId = ShipHeroVendorId,
        MerchantDirectory? directory = null, string header = Header, ShipHeroOptions? options = null)
    {
        var source = new ShipHeroWebhookSource(directory ?? Directory(), Options.Create(options ?? new ShipHeroOptions()));
        var headers = signature is null ? Headers() : Headers((header, signature));
        return source.VerifyAsync(vendorId, headers, body, DateTimeOffset.UnixEpoch, CancellationToken.None).AsTask().Result;
    }

    [TestMethod]
    public void Sample_file_is_the_1619_bytes_the_vector_was_computed_over()
    {
        Assert.AreEqual(1619, SampleBody.Length);
        Assert.AreEqual("2adf9a3501260c4585953bbe7316c2f2b9d800c634ca3d59ac8a2770e5535e4c", Convert.ToHexStringLower(SHA256.HashData(SampleBody)));
    }

    [TestMethod]
    public void Signature_computed_with_openssl_is_reproduced() =>
        Assert.AreEqual(VectorSignature, WebhookHmac.ComputeBase64(SampleBody, ShipHeroSecret));

    [TestMethod]
    public void Sample_signed_with_the_vendors_secret_is_authentic() =>
        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, VectorSignature));

    [TestMethod]
    public void Signature_header_name_is_case_insensitive() =>
        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, VectorSignature, header: "x-shiphero-hmac-sha256"));

    [TestMethod]
    public void Signature_made_with_another_secret_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, WebhookHmac.ComputeBase64(SampleBody, "not-the-shared-secret")));

    [TestMethod]
    public void Body_cut_by_one_byte_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody[..^1], VectorSignature));

    [TestMethod]
    public void Body_with_one_value_changed_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SampleBody).Replace("\"quantity\": 50", "\"quantity\": 5")), VectorSignature));

    [TestMethod]
    [DataRow("compact", DisplayName = "re-serialized without whitespace")]
    [DataRow("indented", DisplayName = "re-serialized indented")]
    [DataRow("newline", DisplayName = "trailing newline added")]
    public void Same_json_re_encoded_is_forged(string how)
    {
        var json = JsonNode.Parse(SampleBody)!;
        var reEncoded = how switch
        {
            "compact" => Encoding.UTF8.GetBytes(json.ToJsonString()),
            "indented" => Encoding.UTF8.GetBytes(json.ToJsonString(new() { WriteIndented = true })),
            _ => [.. SampleBody, (byte)'\n'],
        };

        CollectionAssert.AreNotEqual(SampleBody, reEncoded);
        Assert.AreEqual(Authenticity.Forged, Verify(reEncoded, VectorSignature));
    }

    [TestMethod]
    public void Hex_digest_instead_of_base64_is_forged()
    {
        var hex = Convert.ToHexStringLower(Convert.FromBase64String(VectorSignature));
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, hex));
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("   ", DisplayName = "whitespace only")]
    [DataRow("not a signature!", DisplayName = "not base64")]
    [DataRow("tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4", DisplayName = "padding cut")]
    [DataRow("tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPO", DisplayName = "truncated digest")]
    [DataRow("sha256=tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4=", DisplayName = "prefixed")]
    [DataRow("tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4=,tednis3z+a2EoCVoeb+T9cO1AVSuelXLmgU7tPOtLz4=", DisplayName = "header repeated and joined")]
    public void Garbled_signature_is_forged(string signature) =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, signature));

    [TestMethod]
    public void Missing_signature_header_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, signature: null));

    [TestMethod]
    public void Signature_under_another_header_is_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, VectorSignature, header: "X-Shopify-Hmac-Sha256"));

    [TestMethod]
    public void Configured_header_name_is_the_one_read()
    {
        var options = new ShipHeroOptions { SignatureHeader = "X-Other-Signature" };

        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, VectorSignature, header: "X-Other-Signature", options: options));
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, VectorSignature, header: Header, options: options));
    }

    [TestMethod]
    public void During_rotation_the_old_and_the_new_secret_are_both_accepted()
    {
        var rotating = Directory(Vendor(ShipHeroVendorId, VendorKind.ShipHero, "new-shared-secret", ShipHeroSecret));

        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, VectorSignature, directory: rotating));
        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, WebhookHmac.ComputeBase64(SampleBody, "new-shared-secret"), directory: rotating));
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, WebhookHmac.ComputeBase64(SampleBody, "retired-secret"), directory: rotating));
    }

    [TestMethod]
    public void Vendor_with_no_secret_accepts_nothing() =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, VectorSignature, directory: Directory(Vendor(ShipHeroVendorId, VendorKind.ShipHero))));

    [TestMethod]
    public void Secrets_of_another_ShipHero_vendor_do_not_count()
    {
        var directory = Directory(Vendor(ShipHeroVendorId, VendorKind.ShipHero, "acme-secret"), Vendor("other-3pl", VendorKind.ShipHero, ShipHeroSecret));

        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, VectorSignature, directory: directory));
        Assert.AreEqual(Authenticity.Authentic, Verify(SampleBody, VectorSignature, vendorId: "other-3pl", directory: directory));
    }

    [TestMethod]
    [DataRow("no-such-vendor", DisplayName = "unknown vendor")]
    [DataRow(HttpVendorId, DisplayName = "an HTTP vendor with the same secret")]
    [DataRow(StoreVendorId, DisplayName = "a Shopify store vendor with the same secret")]
    [DataRow("ACME-3PL", DisplayName = "vendor id in another case")]
    [DataRow(null, DisplayName = "no vendor in the route")]
    public void Route_not_naming_a_ShipHero_vendor_is_forged(string? vendorId) =>
        Assert.AreEqual(Authenticity.Forged, Verify(SampleBody, VectorSignature, vendorId: vendorId));
}
