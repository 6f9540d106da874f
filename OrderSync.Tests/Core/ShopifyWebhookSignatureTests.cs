using System.Security.Cryptography;
using System.Text;
using OrderSync.Core.Webhooks.Shopify;

namespace OrderSync.Tests.Core;

/// <summary>
/// Shopify signs a webhook with a base64 HMAC-SHA256 of the raw body, keyed with the app's client secret.
/// </summary>
[TestClass]
public sealed class ShopifyWebhookSignatureTests
{
    // Published test vector. Source: Shopify/shopify-app-js,
    //   packages/apps/shopify-api/lib/webhooks/__tests__/validate.test.ts ("returns true for valid request":
    //   rawBody '{"foo": "bar"}', expected hmac 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g='),
    //   with apiSecretKey 'test_secret_key' from packages/apps/shopify-api/lib/__tests__/test-config.ts.
    private const string VectorSecret = "test_secret_key";
    private const string VectorBody = """{"foo": "bar"}""";
    private const string VectorHmac = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";

    private static readonly byte[] VectorBytes = Encoding.UTF8.GetBytes(VectorBody);

    private static bool IsValid(byte[] body, string? header, params string[] secrets) =>
        ShopifyWebhookSignature.IsValid(body, header, secrets);

    [TestMethod]
    public void Vector_body_is_exactly_the_fourteen_bytes_Shopify_signed()
    {
        CollectionAssert.AreEqual("{\"foo\": \"bar\"}"u8.ToArray(), VectorBytes);
        Assert.AreEqual(14, VectorBytes.Length);
    }

    [TestMethod]
    public void Compute_reproduces_Shopify_published_vector() =>
        Assert.AreEqual(VectorHmac, ShopifyWebhookSignature.Compute(VectorBytes, VectorSecret));

    [TestMethod]
    public void Published_vector_is_valid() =>
        Assert.IsTrue(IsValid(VectorBytes, VectorHmac, VectorSecret));

    [TestMethod]
    public void Signature_forged_with_another_secret_is_invalid()
    {
        var forged = ShopifyWebhookSignature.Compute(VectorBytes, "not_the_app_secret");

        Assert.AreNotEqual(VectorHmac, forged);
        Assert.IsFalse(IsValid(VectorBytes, forged, VectorSecret));
    }

    [TestMethod]
    public void Truncated_body_is_invalid() =>
        Assert.IsFalse(IsValid(VectorBytes[..^1], VectorHmac, VectorSecret));

    [TestMethod]
    public void Body_with_a_trailing_newline_is_invalid() =>
        Assert.IsFalse(IsValid([.. VectorBytes, (byte)'\n'], VectorHmac, VectorSecret));

    [TestMethod]
    [DataRow("{\"foo\":\"bar\"}", DisplayName = "compact (no space after the colon)")]
    [DataRow("{\n  \"foo\": \"bar\"\n}", DisplayName = "pretty-printed")]
    [DataRow("{\"foo\": \"bar\"}\n", DisplayName = "trailing newline")]
    public void Same_json_re_encoded_is_invalid(string reEncoded) =>
        Assert.IsFalse(IsValid(Encoding.UTF8.GetBytes(reEncoded), VectorHmac, VectorSecret));

    [TestMethod]
    public void Same_json_with_keys_in_another_order_is_invalid()
    {
        var original = """{"id": 1, "name": "#1001"}"""u8.ToArray();
        var reordered = """{"name": "#1001", "id": 1}"""u8.ToArray();
        var signature = ShopifyWebhookSignature.Compute(original, VectorSecret);

        Assert.IsTrue(IsValid(original, signature, VectorSecret));
        Assert.IsFalse(IsValid(reordered, signature, VectorSecret));
    }

    [TestMethod]
    public void Same_json_with_non_ascii_re_escaped_is_invalid()
    {
        var original = Encoding.UTF8.GetBytes("{\"title\": \"Crème brûlée\"}");
        var reEscaped = Encoding.UTF8.GetBytes("{\"title\": \"Cr\\u00e8me br\\u00fbl\\u00e9e\"}");
        var signature = ShopifyWebhookSignature.Compute(original, VectorSecret);

        Assert.IsTrue(IsValid(original, signature, VectorSecret));
        Assert.IsFalse(IsValid(reEscaped, signature, VectorSecret));
    }

    [TestMethod]
    public void Hex_digest_instead_of_base64_is_invalid()
    {
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(VectorSecret), VectorBytes));

        CollectionAssert.AreEqual(Convert.FromBase64String(VectorHmac), Convert.FromHexString(hex), "same digest, other encoding");
        Assert.IsFalse(IsValid(VectorBytes, hex, VectorSecret));
        Assert.IsFalse(IsValid(VectorBytes, hex.ToUpperInvariant(), VectorSecret));
    }

    [TestMethod]
    [DataRow(4, DisplayName = "last 4 characters cut (30-byte digest)")]
    [DataRow(1, DisplayName = "padding cut")]
    [DataRow(24, DisplayName = "half the digest")]
    public void Truncated_digest_is_invalid(int charactersCut) =>
        Assert.IsFalse(IsValid(VectorBytes, VectorHmac[..^charactersCut], VectorSecret));

    [TestMethod]
    public void Digest_with_an_extra_byte_is_invalid() =>
        Assert.IsFalse(IsValid(VectorBytes, VectorHmac[..^1] + "A", VectorSecret)); // 44 characters, 33 bytes

    [TestMethod]
    [DataRow("not a signature!", DisplayName = "not base64")]
    [DataRow("sha256=B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", DisplayName = "prefixed, GitHub style")]
    [DataRow("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=,B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", DisplayName = "header repeated and joined")]
    [DataRow("========", DisplayName = "padding only")]
    [DataRow("\u00e9\u00e9\u00e9\u00e9", DisplayName = "non-ASCII")]
    public void Garbage_header_is_invalid(string header) =>
        Assert.IsFalse(IsValid(VectorBytes, header, VectorSecret));

    [TestMethod]
    public void Empty_header_is_invalid() =>
        Assert.IsFalse(IsValid(VectorBytes, "", VectorSecret));

    [TestMethod]
    public void Missing_header_is_invalid() =>
        Assert.IsFalse(IsValid(VectorBytes, null, VectorSecret));

    [TestMethod]
    public void Whitespace_only_header_is_invalid() =>
        Assert.IsFalse(IsValid(VectorBytes, "   ", VectorSecret));

    // HTTP servers and proxies may hand the header value over with surrounding whitespace (RFC 9110 §5.5
    // optional whitespace); the verifier trims it, so the signature still holds.
    [TestMethod]
    [DataRow(" B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", DisplayName = "leading space")]
    [DataRow("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g= ", DisplayName = "trailing space")]
    [DataRow("\tB23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=\r\n", DisplayName = "tab and CRLF")]
    public void Whitespace_around_the_header_value_is_accepted(string header) =>
        Assert.IsTrue(IsValid(VectorBytes, header, VectorSecret));

    [TestMethod]
    public void Whitespace_around_a_forged_header_value_does_not_make_it_valid()
    {
        var forged = ShopifyWebhookSignature.Compute(VectorBytes, "not_the_app_secret");
        Assert.IsFalse(IsValid(VectorBytes, $" {forged} ", VectorSecret));
    }

    [TestMethod]
    public void During_rotation_a_signature_made_with_the_old_secret_is_valid() =>
        Assert.IsTrue(IsValid(VectorBytes, VectorHmac, "new_secret_key", VectorSecret));

    [TestMethod]
    public void During_rotation_a_signature_made_with_the_new_secret_is_valid()
    {
        var signedWithNew = ShopifyWebhookSignature.Compute(VectorBytes, "new_secret_key");

        Assert.IsTrue(IsValid(VectorBytes, signedWithNew, "new_secret_key", VectorSecret));
        Assert.IsTrue(IsValid(VectorBytes, signedWithNew, VectorSecret, "new_secret_key"));
    }

    [TestMethod]
    public void During_rotation_a_signature_made_with_neither_secret_is_invalid()
    {
        var signedWithOther = ShopifyWebhookSignature.Compute(VectorBytes, "retired_secret_key");
        Assert.IsFalse(IsValid(VectorBytes, signedWithOther, "new_secret_key", VectorSecret));
    }

    [TestMethod]
    public void With_no_secret_configured_nothing_is_valid() =>
        Assert.IsFalse(IsValid(VectorBytes, VectorHmac));
}
