using System.IO.Hashing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core.Webhooks.PayPal;

/// <summary>
/// PayPal signs transmissionId|transmissionTime|webhookId|crc32(body) with SHA256withRSA; checked here against PayPal's
/// own vector (paypal/PayPal-Java-SDK ValidateCertTest) with the public key of its certificate. No dates are involved.
/// </summary>
[TestClass]
public sealed class PayPalSignatureTests
{
    private static readonly byte[] Body = PayPalSamples.VectorEvent();

    private static bool IsValid(byte[] body, string webhookId = PayPalVector.WebhookId, string signature = PayPalVector.Signature, string algo = PayPalVector.AuthAlgo)
    {
        using var certificate = PayPalSamples.VectorCertificate();
        using var key = certificate.GetRSAPublicKey()!;
        var message = PayPalSignature.Message(PayPalVector.TransmissionId, PayPalVector.TransmissionTime, webhookId, body);
        return PayPalSignature.IsValid(message, signature, algo, key);
    }

    [TestMethod]
    public void Vector_body_is_the_3241_bytes_PayPal_signed()
    {
        Assert.AreEqual(3241, Body.Length);
        Assert.AreEqual(PayPalVector.BodyCrc32, Crc32.HashToUInt32(Body));
    }

    [TestMethod]
    public void Message_joins_the_fields_with_pipes_and_the_crc32_as_an_unsigned_decimal() =>
        Assert.AreEqual(
            "afa30d40-ca4a-11e9-ab68-7d4e2605c70c|2019-08-29T10:49:33Z|0FV983392A0531201|3674300368",
            PayPalSignature.Message(PayPalVector.TransmissionId, PayPalVector.TransmissionTime, PayPalVector.WebhookId, Body));

    [TestMethod]
    public void PayPal_published_vector_is_valid() => Assert.IsTrue(IsValid(Body));

    [TestMethod]
    public void Algorithm_name_is_matched_case_insensitively_as_Java_does() => Assert.IsTrue(IsValid(Body, algo: "sha256withrsa"));

    [TestMethod]
    [DataRow("SHA1withRSA")]
    [DataRow("SHA256withECDSA")]
    [DataRow("")]
    public void Another_algorithm_is_invalid(string algo) => Assert.IsFalse(IsValid(Body, algo: algo));

    [TestMethod]
    public void Another_webhook_id_is_invalid() => Assert.IsFalse(IsValid(Body, webhookId: "NotToBeFound"));

    [TestMethod]
    public void A_signature_with_one_bit_flipped_is_forged()
    {
        var bytes = Convert.FromBase64String(PayPalVector.Signature);
        bytes[100] ^= 0x01;
        Assert.IsFalse(IsValid(Body, signature: Convert.ToBase64String(bytes)));
    }

    [TestMethod]
    public void A_signature_made_with_another_key_is_forged()
    {
        using var attacker = RSA.Create(2048);
        var message = PayPalSignature.Message(PayPalVector.TransmissionId, PayPalVector.TransmissionTime, PayPalVector.WebhookId, Body);
        var forged = Convert.ToBase64String(attacker.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.IsFalse(IsValid(Body, signature: forged));
    }

    [TestMethod]
    [DataRow("not base64 at all!")]
    [DataRow("")]
    [DataRow("AAAA")]
    public void A_garbage_signature_is_invalid(string signature) => Assert.IsFalse(IsValid(Body, signature: signature));

    [TestMethod]
    public void A_truncated_body_is_invalid() => Assert.IsFalse(IsValid(Body[..^1]));

    [TestMethod]
    public void A_body_with_a_trailing_newline_is_invalid() => Assert.IsFalse(IsValid([.. Body, (byte)'\n']));

    [TestMethod]
    public void The_same_event_re_encoded_is_invalid()
    {
        using var document = JsonDocument.Parse(Body);
        var pretty = JsonSerializer.SerializeToUtf8Bytes(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
        var spaced = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("\":\"", "\": \"", StringComparison.Ordinal));
        var reordered = Encoding.UTF8.GetBytes("{" + string.Join(",", document.RootElement.EnumerateObject().Reverse().Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())) + "}");

        Assert.IsFalse(IsValid(pretty));
        Assert.IsFalse(IsValid(spaced));
        Assert.IsFalse(IsValid(reordered));
    }

    [TestMethod]
    public void A_changed_amount_is_invalid() =>
        Assert.IsFalse(IsValid(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("\"total\":\"30.11\"", "\"total\":\"3.11\"", StringComparison.Ordinal))));
}
