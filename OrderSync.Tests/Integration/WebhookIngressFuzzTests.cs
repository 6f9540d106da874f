using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Messaging;
using OrderSync.Core.Webhooks;
using OrderSync.Sandbox.Fuzz;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>
/// Thousands of random and mutated deliveries per source (<see cref="WebhookFuzzer"/>) at the real ingress (wired by
/// AddOrderSync, on Azurite): every one is answered 200, 400, 401 or 413; none throws; nothing is queued unless its
/// signature was valid. Seeded: a failure prints its seed and case, and replays the same. The reliability command
/// (scripts/reliability.sh) sends ten thousand per source over HTTP.
/// </summary>
[TestClass]
public sealed class WebhookIngressFuzzTests
{
    private const int Cases = 3000;
    private const int MaxBodyBytes = 16 * 1024;

    public static readonly FuzzSecrets Secrets = new(TestIngress.StripeSecret, TestIngress.ShipHeroSecret, TestIngress.HttpVendorSecret);

    [TestMethod]
    [DataRow("shopify", null)]
    [DataRow("stripe", null)]
    [DataRow("shiphero", TestIngress.ShipHeroVendor)]
    [DataRow("vendors", TestIngress.HttpVendor)]
    [DataRow("paypal", null)]
    public async Task Random_and_mutated_deliveries_never_crash_the_ingress_or_queue_anything_unverified(string source, string? account)
    {
        // PayPal signs with its private key, which a test cannot have: every PayPal case is unverifiable, and refused.
        int[] mustReach = source == "paypal" ? [401, 413] : [200, 400, 401, 413];
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var services = await TestIngress.ServicesAsync(new Dictionary<string, string?> { ["OrderSync:Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString() });
        var ingress = services.GetRequiredService<WebhookIngress>();
        var queue = (RecordingSignalQueue)services.GetRequiredService<ISignalQueue>();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", source), "*.json").Select(File.ReadAllBytes).ToArray();
        var fuzzer = new WebhookFuzzer(source, Secrets, samples, MaxBodyBytes);
        var answered = new Dictionary<int, int>();
        var accepted = 0;

        for (var i = 0; i < Cases; i++)
        {
            var delivery = fuzzer.Next(random);
            var queuedBefore = queue.Queued.Count;
            WebhookResult result;
            try
            {
                result = await ingress.HandleAsync(source, account, new WebhookHeaders(delivery.Headers),
                    new MemoryStream(delivery.Body), delivery.DeclaredLength, CancellationToken.None);
            }
            catch (Exception e)
            {
                throw new AssertFailedException($"seed {seed}, case {i}: the ingress threw {e.GetType().Name}: {e.Message}", e);
            }

            CollectionAssert.Contains(new[] { 200, 400, 401, 413 }, result.StatusCode, $"seed {seed}, case {i}: {result}");
            if (!delivery.SignedRight)
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
}
