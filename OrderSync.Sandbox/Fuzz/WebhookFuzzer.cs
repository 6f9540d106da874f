using System.Text;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;

namespace OrderSync.Sandbox.Fuzz;

/// <summary>The secrets the fuzzed OrderSync is configured with, so some deliveries can be signed rightly.</summary>
public sealed record FuzzSecrets(string Stripe, string ShipHero, string HttpVendor)
{
    public string Shopify => ShopifyWebhookBuilder.Secret;
}

/// <summary>A delivery to send: body, headers, whether they sign that body rightly, and the length it declares (null: none).</summary>
public sealed record FuzzedDelivery(byte[] Body, IReadOnlyDictionary<string, string> Headers, bool SignedRight, long? DeclaredLength);

/// <summary>
/// Random and mutated webhook deliveries for one source, from its samples: random bytes, truncated, flipped bytes, a JSON
/// value of another kind, over the size limit, deeply nested, or the sample whole; each with the source's headers present,
/// missing, wrong, stale, truncated or right. PayPal signs with its private key, which no fuzzer has: every PayPal delivery
/// is unverifiable. Seeded by the caller's <see cref="Random"/>, so a failing case replays.
/// </summary>
public sealed class WebhookFuzzer(string source, FuzzSecrets secrets, IReadOnlyList<byte[]> samples, int maxBodyBytes)
{
    public static readonly string[] Sources = ["shopify", "stripe", "shiphero", "vendors", "paypal"];

    private static readonly string[] ShopifyTopics =
        ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/edited", "refunds/create", "fulfillments/create", "fulfillments/update", "products/update", ""];
    private static readonly string[] Shops = ["merchant.myshopify.com", "vendor-store.myshopify.com", "", "not a domain", "x.myshopify.com"];

    public FuzzedDelivery Next(Random random)
    {
        var body = Body(random);
        var (headers, signedRight) = source switch
        {
            "shopify" => ShopifyHeaders(random, body),
            "stripe" => StripeHeaders(random, body),
            "shiphero" => ShipHeroHeaders(random, body),
            "vendors" => HttpVendorHeaders(random, body),
            "paypal" => PayPalHeaders(random),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a webhook source"),
        };
        return new FuzzedDelivery(body, headers, signedRight, random.Next(4) == 0 ? null : body.Length);
    }

    /// <summary>The same delivery with its header names in another case: HTTP header names are case-insensitive, so it is the same delivery.</summary>
    public static FuzzedDelivery WithHeaderNamesRecased(FuzzedDelivery delivery, Random random) => delivery with
    {
        Headers = delivery.Headers.ToDictionary(h => random.Next(2) == 0 ? h.Key.ToUpperInvariant() : h.Key.ToLowerInvariant(), h => h.Value),
    };

    private byte[] Body(Random random)
    {
        var sample = samples[random.Next(samples.Count)];
        return random.Next(8) switch
        {
            0 => RandomBytes(random, random.Next(0, 512)),
            1 => sample[..random.Next(sample.Length)], // truncated
            2 => Flip(random, sample, random.Next(1, 8)),
            3 => Encoding.UTF8.GetBytes(Mutate(random, Encoding.UTF8.GetString(sample))),
            4 => RandomBytes(random, maxBodyBytes + random.Next(1, 4096)), // over the limit
            5 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 5000))), // deep nesting
            _ => sample,
        };
    }

    /// <summary>Replaces one value of the JSON text with a value of another kind.</summary>
    private static string Mutate(Random random, string json)
    {
        string[] replacements = ["null", "true", "\"\"", "\"x\"", "-1", "1e309", "[]", "{}", "\"\\u0000\"", "99999999999999999999999"];
        var colon = json.IndexOf(':', random.Next(Math.Max(1, json.Length)));
        if (colon < 0) return json;
        var end = json.IndexOfAny([',', '}', ']'], colon + 1);
        return end < 0 ? json : json[..(colon + 1)] + replacements[random.Next(replacements.Length)] + json[end..];
    }

    private (Dictionary<string, string> Headers, bool SignedRight) ShipHeroHeaders(Random random, byte[] body)
    {
        var right = WebhookHmac.ComputeBase64(body, secrets.ShipHero);
        var signature = random.Next(5) switch
        {
            0 or 1 => right,
            2 => WebhookHmac.ComputeBase64(body, "wrong-secret"),
            3 => right[..random.Next(right.Length)],
            _ => null,
        };
        var headers = new Dictionary<string, string>();
        if (signature is not null) headers["X-ShipHero-HMAC-SHA256"] = signature;
        return (headers, signature == right);
    }

    private (Dictionary<string, string> Headers, bool SignedRight) HttpVendorHeaders(Random random, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var right = HttpVendorSignature.Sign(body, now, secrets.HttpVendor);
        var signature = random.Next(6) switch
        {
            0 or 1 => right,
            2 => HttpVendorSignature.Sign(body, now, "wrong-secret"),
            3 => HttpVendorSignature.Sign(body, now - 3600, secrets.HttpVendor), // stale
            4 => right[..random.Next(right.Length)],
            _ => null,
        };
        var headers = new Dictionary<string, string>();
        if (signature is not null) headers[HttpVendorSignature.Header] = signature;
        return (headers, signature == right);
    }

    /// <summary>PayPal's headers with made-up values; certificate URLs only on hosts PayPal does not use, so nothing is fetched.</summary>
    private static (Dictionary<string, string> Headers, bool SignedRight) PayPalHeaders(Random random)
    {
        string[] certificateUrls = ["https://evil.example/cert.pem", "http://api.paypal.com/cert.pem", "not a url", "", "https://127.0.0.1/c"];
        var headers = new Dictionary<string, string>();
        void Maybe(string name, string value) { if (random.Next(8) > 0) headers[name] = value; }
        Maybe("PAYPAL-TRANSMISSION-ID", Guid.NewGuid().ToString());
        Maybe("PAYPAL-TRANSMISSION-TIME", random.Next(2) == 0 ? "2026-11-23T10:00:00Z" : "soon");
        Maybe("PAYPAL-TRANSMISSION-SIG", Convert.ToBase64String(RandomBytes(random, random.Next(0, 300))));
        Maybe("PAYPAL-CERT-URL", certificateUrls[random.Next(certificateUrls.Length)]);
        Maybe("PAYPAL-AUTH-ALGO", random.Next(2) == 0 ? "SHA256withRSA" : "MD5");
        return (headers, false);
    }

    private (Dictionary<string, string> Headers, bool SignedRight) StripeHeaders(Random random, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var right = StripeSigner.Header(body, secrets.Stripe, now);
        var header = random.Next(7) switch
        {
            0 or 1 => right,
            2 => StripeSigner.Header(body, "whsec_wrong", now),
            3 => StripeSigner.Header(body, secrets.Stripe, now - 3600), // stale
            4 => right[..random.Next(right.Length)],
            5 => $"t={now},v0={StripeSigner.V1(body, secrets.Stripe, now)}",
            _ => null,
        };
        var headers = new Dictionary<string, string>();
        if (header is not null) headers["Stripe-Signature"] = header;
        return (headers, header == right);
    }

    private (Dictionary<string, string> Headers, bool SignedRight) ShopifyHeaders(Random random, byte[] body)
    {
        var headers = new Dictionary<string, string>();
        void Maybe(string name, string value) { if (random.Next(10) > 0) headers[name] = value; }
        Maybe("X-Shopify-Topic", ShopifyTopics[random.Next(ShopifyTopics.Length)]);
        Maybe("X-Shopify-Shop-Domain", Shops[random.Next(Shops.Length)]);
        Maybe("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        Maybe("X-Shopify-Triggered-At", random.Next(2) == 0 ? "2026-11-23T10:00:00Z" : "yesterday");

        var right = ShopifyWebhookSignature.Compute(body, secrets.Shopify);
        var signature = random.Next(6) switch
        {
            0 or 1 => right,
            2 => ShopifyWebhookSignature.Compute(body, "wrong-secret"),
            3 => Convert.ToBase64String(RandomBytes(random, 32)),
            4 => right[..random.Next(right.Length)],
            _ => null,
        };
        if (signature is not null) headers["X-Shopify-Hmac-Sha256"] = signature;
        return (headers, signature == right);
    }

    private static byte[] Flip(Random random, byte[] sample, int flips)
    {
        var copy = (byte[])sample.Clone();
        for (var i = 0; i < flips && copy.Length > 0; i++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
