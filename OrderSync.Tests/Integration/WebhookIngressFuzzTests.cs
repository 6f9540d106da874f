using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Messaging;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>
/// Thousands of random and mutated deliveries per source at the real ingress (wired by AddOrderSync, on Azurite): every one is
/// answered 200, 400, 401 or 413; none throws; nothing is queued unless its signature was valid. Seeded: a failure
/// prints its seed and case, and replays the same.
/// </summary>
[TestClass]
public sealed class WebhookIngressFuzzTests
{
    private const int Cases = 3000;
    private const int MaxBodyBytes = 16 * 1024;
    private static readonly string[] ShopifyTopics =
        ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/edited", "refunds/create", "fulfillments/create", "fulfillments/update", "products/update", ""];
    private static readonly string[] Shops = ["merchant.myshopify.com", "vendor-store.myshopify.com", "", "not a domain", "x.myshopify.com"];

    private const string StripeSecret = TestIngress.StripeSecret;

    /// <summary>A delivery's headers for a body, and whether they sign that body rightly.</summary>
    private delegate (Dictionary<string, string> Headers, bool SignedRight) HeaderMaker(Random random, byte[] body);

    [TestMethod]
    [DataRow("shopify", null)]
    [DataRow("stripe", null)]
    [DataRow("shiphero", TestIngress.ShipHeroVendor)]
    [DataRow("vendors", TestIngress.HttpVendor)]
    [DataRow("paypal", null)]
    public async Task Random_and_mutated_deliveries_never_crash_the_ingress_or_queue_anything_unverified(string source, string? account)
    {
        HeaderMaker headersFor = source switch
        {
            "shopify" => ShopifyHeaders,
            "stripe" => StripeHeaders,
            "shiphero" => ShipHeroHeaders,
            "vendors" => HttpVendorHeaders,
            "paypal" => PayPalHeaders,
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        // PayPal signs with its private key, which a test cannot have: every PayPal case is unverifiable, and refused.
        int[] mustReach = source == "paypal" ? [401, 413] : [200, 400, 401, 413];
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var services = await TestIngress.ServicesAsync(new Dictionary<string, string?> { ["OrderSync:Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString() });
        var ingress = services.GetRequiredService<WebhookIngress>();
        var queue = (RecordingSignalQueue)services.GetRequiredService<ISignalQueue>();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", source), "*.json").Select(File.ReadAllBytes).ToArray();
        var answered = new Dictionary<int, int>();
        var accepted = 0;

        for (var i = 0; i < Cases; i++)
        {
            var body = Body(random, samples);
            var (headers, signedRight) = headersFor(random, body);
            var queuedBefore = queue.Queued.Count;
            WebhookResult result;
            try
            {
                result = await ingress.HandleAsync(source, account, new WebhookHeaders(headers), new MemoryStream(body),
                    random.Next(4) == 0 ? null : body.Length, CancellationToken.None);
            }
            catch (Exception e)
            {
                throw new AssertFailedException($"seed {seed}, case {i}: the ingress threw {e.GetType().Name}: {e.Message}", e);
            }

            CollectionAssert.Contains(new[] { 200, 400, 401, 413 }, result.StatusCode, $"seed {seed}, case {i}: {result}");
            if (!signedRight)
            {
                Assert.AreEqual(queuedBefore, queue.Queued.Count, $"seed {seed}, case {i}: an unverified delivery was queued ({result})");
                Assert.IsTrue(result.StatusCode is 401 or 413, $"seed {seed}, case {i}: an unverified delivery was answered {result}");
            }
            answered[result.StatusCode] = answered.GetValueOrDefault(result.StatusCode) + 1;
            if (result.Reason.StartsWith("accepted")) accepted++;
        }

        // The run must have reached every outcome, or it proves little.
        foreach (var status in mustReach)
            Assert.IsTrue(answered.GetValueOrDefault(status) > 0, $"seed {seed}: no case was answered {status}; answers: {string.Join(", ", answered)}");
        Assert.IsTrue(accepted > 0 || source == "paypal", $"seed {seed}: no delivery was ever accepted (queued, or parked until its order is known)");
    }

    private static byte[] Body(Random random, byte[][] samples)
    {
        var sample = samples[random.Next(samples.Length)];
        return random.Next(8) switch
        {
            0 => RandomBytes(random, random.Next(0, 512)),
            1 => sample[..random.Next(sample.Length)], // truncated
            2 => Flip(random, sample, random.Next(1, 8)),
            3 => Encoding.UTF8.GetBytes(Mutate(random, Encoding.UTF8.GetString(sample))),
            4 => RandomBytes(random, MaxBodyBytes + random.Next(1, 4096)), // over the limit
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

    private static (Dictionary<string, string> Headers, bool SignedRight) ShipHeroHeaders(Random random, byte[] body)
    {
        var right = WebhookHmac.ComputeBase64(body, TestIngress.ShipHeroSecret);
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

    private static (Dictionary<string, string> Headers, bool SignedRight) HttpVendorHeaders(Random random, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var right = HttpVendorSignature.Sign(body, now, TestIngress.HttpVendorSecret);
        var signature = random.Next(6) switch
        {
            0 or 1 => right,
            2 => HttpVendorSignature.Sign(body, now, "wrong-secret"),
            3 => HttpVendorSignature.Sign(body, now - 3600, TestIngress.HttpVendorSecret), // stale
            4 => right[..random.Next(right.Length)],
            _ => null,
        };
        var headers = new Dictionary<string, string>();
        if (signature is not null) headers[HttpVendorSignature.Header] = signature;
        return (headers, signature == right);
    }

    /// <summary>PayPal's headers with made-up values; certificate URLs only on hosts PayPal does not use, so nothing is fetched.</summary>
    private static (Dictionary<string, string> Headers, bool SignedRight) PayPalHeaders(Random random, byte[] body)
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

    private static (Dictionary<string, string> Headers, bool SignedRight) StripeHeaders(Random random, byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var right = StripeSigner.Header(body, StripeSecret, now);
        var header = random.Next(7) switch
        {
            0 or 1 => right,
            2 => StripeSigner.Header(body, "whsec_wrong", now),
            3 => StripeSigner.Header(body, StripeSecret, now - 3600), // stale
            4 => right[..random.Next(right.Length)],
            5 => $"t={now},v0={StripeSigner.V1(body, StripeSecret, now)}",
            _ => null,
        };
        var headers = new Dictionary<string, string>();
        if (header is not null) headers["Stripe-Signature"] = header;
        return (headers, header == right);
    }

    private static (Dictionary<string, string> Headers, bool SignedRight) ShopifyHeaders(Random random, byte[] body)
    {
        var headers = new Dictionary<string, string>();
        void Maybe(string name, string value) { if (random.Next(10) > 0) headers[name] = value; }
        Maybe("X-Shopify-Topic", ShopifyTopics[random.Next(ShopifyTopics.Length)]);
        Maybe("X-Shopify-Shop-Domain", Shops[random.Next(Shops.Length)]);
        Maybe("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        Maybe("X-Shopify-Triggered-At", random.Next(2) == 0 ? "2026-11-23T10:00:00Z" : "yesterday");

        var right = ShopifyWebhookSignature.Compute(body, ShopifyWebhookBuilder.Secret);
        var choice = random.Next(6);
        var signature = choice switch
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
