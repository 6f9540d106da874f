using System.Text;
using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// OrderSync's vendor webhook signature (docs/http-vendor-api.md): X-OrderSync-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;,
/// v1 the lower-case hex HMAC-SHA256 of "{t}.{raw body}" with the vendor's secret; several v1 while rotating; a
/// timestamp more than 300 seconds away from the time of receipt is refused.
/// </summary>
[TestClass]
public sealed class HttpVendorSignatureTests
{
    // The worked example of docs/http-vendor-api.md, computed independently of OrderSync with
    //   printf '%s.%s' 1795428000 "$(cat samples/vendors/order-shipped.json)" | openssl dgst -sha256 -hmac 'vendor_test_secret_1' -hex
    // and with Python's hmac module; the rotation example with the secret 'vendor_test_secret_2'.
    private const string WorkedExampleHeader = "t=1795428000,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97";
    private const string NewSecretDigest = "beb53c6b0e4dfe36eae3099e0d8c1ca4732eb475a7626cf04ef12ae228adc798";
    private const string RotationHeader = WorkedExampleHeader + ",v1=" + NewSecretDigest;

    private static readonly byte[] Body = Sample("vendors", "order-shipped.json");

    private static SignatureCheck Check(string? header, byte[]? body = null, DateTimeOffset? receivedAt = null, params string[] secrets) =>
        HttpVendorSignature.Check(header, body ?? Body, secrets.Length == 0 ? [HttpVendorSecret] : secrets, receivedAt ?? WorkedExampleTime);

    // ---- the worked example of the documentation ----

    [TestMethod]
    public void Worked_example_body_is_the_420_bytes_the_documentation_shows()
    {
        Assert.AreEqual(420, Body.Length);
        StringAssert.Contains(RepositoryFile("docs/http-vendor-api.md"), Encoding.UTF8.GetString(Body));
    }

    [TestMethod]
    public void Sign_reproduces_the_worked_example_of_the_documentation()
    {
        Assert.AreEqual(WorkedExampleHeader, HttpVendorSignature.Sign(Body, WorkedExampleTimestamp, HttpVendorSecret));
        StringAssert.Contains(RepositoryFile("docs/http-vendor-api.md"), "X-OrderSync-Signature: " + WorkedExampleHeader);
    }

    [TestMethod]
    public void Sign_with_two_secrets_reproduces_the_rotation_example_of_the_documentation()
    {
        Assert.AreEqual(RotationHeader, HttpVendorSignature.Sign(Body, WorkedExampleTimestamp, HttpVendorSecret, "vendor_test_secret_2"));
        StringAssert.Contains(RepositoryFile("docs/http-vendor-api.md"), "X-OrderSync-Signature: " + RotationHeader);
    }

    [TestMethod]
    public void Worked_example_is_valid_when_received_at_its_timestamp() =>
        Assert.AreEqual(SignatureCheck.Valid, Check(WorkedExampleHeader));

    [TestMethod]
    public void Signed_payload_is_the_timestamp_a_full_stop_and_the_raw_body() =>
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("1795428000.").Concat(Body).ToArray(), HttpVendorSignature.SignedPayload(WorkedExampleTimestamp, Body));

    // ---- tampering ----

    [TestMethod]
    public void Signature_made_with_another_secret_is_a_mismatch() =>
        Assert.AreEqual(SignatureCheck.Mismatch, Check(HttpVendorSignature.Sign(Body, WorkedExampleTimestamp, "not-the-vendor-secret")));

    [TestMethod]
    public void Body_cut_by_one_byte_is_a_mismatch() =>
        Assert.AreEqual(SignatureCheck.Mismatch, Check(WorkedExampleHeader, Body[..^1]));

    [TestMethod]
    public void Body_with_a_trailing_newline_is_a_mismatch() =>
        Assert.AreEqual(SignatureCheck.Mismatch, Check(WorkedExampleHeader, [.. Body, (byte)'\n']));

    [TestMethod]
    public void Same_json_re_encoded_is_a_mismatch()
    {
        var indented = Encoding.UTF8.GetBytes(JsonNode.Parse(Body)!.ToJsonString(new() { WriteIndented = true }));
        Assert.AreEqual(SignatureCheck.Mismatch, Check(WorkedExampleHeader, indented));
    }

    [TestMethod]
    public void Timestamp_changed_after_signing_is_a_mismatch() =>
        Assert.AreEqual(SignatureCheck.Mismatch, Check(WorkedExampleHeader.Replace("t=1795428000", "t=1795428001"), receivedAt: WorkedExampleTime));

    [TestMethod]
    public void Upper_case_hex_is_unreadable() =>
        Assert.AreEqual(SignatureCheck.Unreadable, Check(WorkedExampleHeader.ToUpperInvariant().Replace("T=", "t=").Replace("V1=", "v1=")));

    [TestMethod]
    public void Base64_digest_instead_of_hex_is_unreadable()
    {
        var base64 = Convert.ToBase64String(Convert.FromHexString("cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97"));
        Assert.AreEqual(SignatureCheck.Unreadable, Check($"t=1795428000,v1={base64}"));
    }

    // ---- the time window ----

    [TestMethod]
    [DataRow(300, DisplayName = "received 300 s after signing")]
    [DataRow(-300, DisplayName = "received 300 s before the timestamp (sender's clock ahead)")]
    public void Timestamp_within_300_seconds_either_way_is_valid(int secondsLater) =>
        Assert.AreEqual(SignatureCheck.Valid, Check(WorkedExampleHeader, receivedAt: WorkedExampleTime.AddSeconds(secondsLater)));

    [TestMethod]
    [DataRow(301, DisplayName = "stale: received 301 s after signing")]
    [DataRow(86_400, DisplayName = "replayed a day later")]
    [DataRow(-301, DisplayName = "from the future: 301 s ahead")]
    public void Timestamp_more_than_300_seconds_away_is_outside_tolerance(int secondsLater) =>
        Assert.AreEqual(SignatureCheck.OutsideTolerance, Check(WorkedExampleHeader, receivedAt: WorkedExampleTime.AddSeconds(secondsLater)));

    // ---- header shapes ----

    [TestMethod]
    [DataRow(null, DisplayName = "missing")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("   ", DisplayName = "whitespace")]
    [DataRow("cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "digest alone")]
    [DataRow("t=1795428000", DisplayName = "no v1")]
    [DataRow("v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "no t")]
    [DataRow("t=1795428000,t=1795428000,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "two t")]
    [DataRow("t=2026-11-23T10:00:00Z,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "t not unix seconds")]
    [DataRow("t=-1795428000,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "negative t")]
    [DataRow("t=99999999999999999999,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "t overflowing")]
    [DataRow("t=1795428000,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf9", DisplayName = "digest one character short")]
    [DataRow("t=1795428000,v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf970", DisplayName = "digest one character long")]
    [DataRow("t=1795428000,v1=zf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "digest not hex")]
    [DataRow("t=1795428000;v1=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "semicolon separated")]
    [DataRow("t=1795428000,sha256=cf279354d84fcdd2db1258539545c9f6c1f7ffd91fecd6caa73acdbbafeacf97", DisplayName = "another scheme's key only")]
    public void Garbled_header_is_unreadable(string? header) =>
        Assert.AreEqual(SignatureCheck.Unreadable, Check(header));

    [TestMethod]
    public void More_than_five_signatures_are_unreadable()
    {
        var header = WorkedExampleHeader + string.Concat(Enumerable.Repeat(",v1=" + NewSecretDigest, 5));
        Assert.AreEqual(SignatureCheck.Unreadable, Check(header));
    }

    [TestMethod]
    public void Spaces_around_the_items_are_allowed() =>
        Assert.AreEqual(SignatureCheck.Valid, Check(WorkedExampleHeader.Replace(",", " , ")));

    [TestMethod]
    public void Unknown_keys_are_ignored() =>
        Assert.AreEqual(SignatureCheck.Valid, Check("v0=anything," + WorkedExampleHeader + ",v2=future"));

    // ---- rotation ----

    [TestMethod]
    public void During_rotation_either_signature_matches_either_configured_secret()
    {
        Assert.AreEqual(SignatureCheck.Valid, Check(RotationHeader, secrets: HttpVendorSecret));
        Assert.AreEqual(SignatureCheck.Valid, Check(RotationHeader, secrets: "vendor_test_secret_2"));
        Assert.AreEqual(SignatureCheck.Valid, Check(WorkedExampleHeader, secrets: ["vendor_test_secret_2", HttpVendorSecret]));
        Assert.AreEqual(SignatureCheck.Mismatch, Check(RotationHeader, secrets: "vendor_test_secret_3"));
    }

    [TestMethod]
    public void With_no_secret_configured_nothing_is_valid() =>
        Assert.AreEqual(SignatureCheck.Mismatch, HttpVendorSignature.Check(WorkedExampleHeader, Body, [], WorkedExampleTime));

    // ---- the source: the route names the vendor ----

    private static Authenticity Verify(string? vendorId, string? header, DateTimeOffset receivedAt)
    {
        var source = new HttpVendorWebhookSource(Directory());
        var headers = header is null ? Headers() : Headers(("x-ordersync-signature", header));
        return source.VerifyAsync(vendorId, headers, Body, receivedAt, CancellationToken.None).AsTask().Result;
    }

    [TestMethod]
    public void Source_accepts_the_worked_example_for_the_HTTP_vendor_in_the_route() =>
        Assert.AreEqual(Authenticity.Authentic, Verify(HttpVendorId, WorkedExampleHeader, WorkedExampleTime.AddSeconds(12)));

    [TestMethod]
    public void Source_refuses_a_stale_delivery_as_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(HttpVendorId, WorkedExampleHeader, WorkedExampleTime.AddMinutes(6)));

    [TestMethod]
    public void Source_refuses_a_delivery_without_the_header_as_forged() =>
        Assert.AreEqual(Authenticity.Forged, Verify(HttpVendorId, null, WorkedExampleTime));

    [TestMethod]
    [DataRow("no-such-vendor", DisplayName = "unknown vendor")]
    [DataRow(ShipHeroVendorId, DisplayName = "a ShipHero vendor with the same secret")]
    [DataRow(StoreVendorId, DisplayName = "a Shopify store vendor with the same secret")]
    [DataRow(null, DisplayName = "no vendor in the route")]
    public void Route_not_naming_an_HTTP_vendor_is_forged(string? vendorId) =>
        Assert.AreEqual(Authenticity.Forged, Verify(vendorId, WorkedExampleHeader, WorkedExampleTime));

    [TestMethod]
    public void Source_refuses_a_vendor_whose_secrets_do_not_match()
    {
        var source = new HttpVendorWebhookSource(Directory(Vendor(HttpVendorId, VendorKind.HttpVendor, "another-secret")));
        var result = source.VerifyAsync(HttpVendorId, Headers((HttpVendorSignature.Header, WorkedExampleHeader)), Body, WorkedExampleTime, CancellationToken.None).AsTask().Result;

        Assert.AreEqual(Authenticity.Forged, result);
    }
}
