using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// PayPal's webhook signature, checked without calling PayPal. PayPal signs
/// <c>transmissionId|transmissionTime|webhookId|crc32(raw body)</c>, the CRC-32 written as an unsigned decimal, with
/// SHA256withRSA; the signature travels base64-encoded in PAYPAL-TRANSMISSION-SIG.
/// Source: paypal/PayPal-Java-SDK rest-api-sdk Event.validateReceivedEvent (String.format("%s|%s|%s|%s", …,
/// SSLUtil.crc32(requestBody))) and SSLUtil.validateData (Signature.getInstance(algo), base64-decoded header);
/// java.util.zip.CRC32.getValue() is the unsigned value.
/// </summary>
public static class PayPalSignature
{
    /// <summary>The only algorithm PayPal names in PAYPAL-AUTH-ALGO (the Java SDK passes it to Signature.getInstance, where names are case-insensitive).</summary>
    public const string Sha256WithRsa = "SHA256withRSA";

    public static string Message(string transmissionId, string transmissionTime, string webhookId, ReadOnlySpan<byte> body) =>
        string.Create(CultureInfo.InvariantCulture, $"{transmissionId}|{transmissionTime}|{webhookId}|{Crc32.HashToUInt32(body)}");

    /// <summary>True when <paramref name="signatureBase64"/> is the key holder's SHA256withRSA signature of the message.</summary>
    public static bool IsValid(string message, string? signatureBase64, string? authAlgo, RSA publicKey)
    {
        if (!string.Equals(authAlgo, Sha256WithRsa, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(signatureBase64)) return false;
        var signature = new byte[publicKey.KeySize / 8 + 1];
        if (!Convert.TryFromBase64String(signatureBase64.Trim(), signature, out var length)) return false;
        return publicKey.VerifyData(Encoding.UTF8.GetBytes(message), signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
