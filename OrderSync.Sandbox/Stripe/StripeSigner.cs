using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Sandbox.Stripe;

/// <summary>
/// Signs a body as Stripe does, independently of Stripe.net: v1 = lower-case hex HMAC-SHA256 of "{t}.{body}" keyed with
/// the endpoint secret: the recipe stripe-dotnet's EventUtilityTest gives for re-computing its vector,
/// <c>(echo -n "1533204620." &amp;&amp; cat event_test_signature.json) | openssl sha256 -hmac "webhook_secret"</c>.
/// </summary>
public static class StripeSigner
{
    public static string V1(byte[] body, string secret, long timestamp) => V1(body, secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The digest for any timestamp text, even one that is not a number.</summary>
    public static string V1(byte[] body, string secret, string timestamp)
    {
        byte[] signedPayload = [.. Encoding.UTF8.GetBytes($"{timestamp}."), .. body];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signedPayload));
    }

    public static string Header(byte[] body, string secret, long timestamp) => $"t={timestamp},v1={V1(body, secret, timestamp)}";
}
