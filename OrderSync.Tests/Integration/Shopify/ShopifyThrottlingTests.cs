using System.Text.Json.Nodes;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>Cost-based throttling: the client paces itself from extensions.cost so the store's bucket never runs dry.</summary>
[TestClass]
public sealed class ShopifyThrottlingTests
{
    private const string Token = "shpat_bucket_token";
    private const string CheapQuery = "query Q($query: String!) { orders(first: 1, query: $query) { nodes { id name } } }";

    [TestMethod]
    public async Task A_long_run_of_calls_stays_under_the_bucket_without_a_single_THROTTLED_answer()
    {
        // a small bucket (15 points, 3 per call here) restored quickly, so 300 calls need ~60 refills yet run in about two seconds
        var simulator = await TestSimulators.ShopifyAsync();
        const string domain = "bucket-run.myshopify.com";
        var store = simulator.AddStore(domain, Token, maximumAvailable: 15, restoreRate: 500);
        var buckets = new ShopifyCostBuckets();
        var client = new ShopifyGraphQlClient(new HttpClient(), TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System, buckets);
        var shop = new ShopifyStore(domain, simulator.AdminBaseUrl(domain), Token);

        for (var i = 0; i < 300; i++)
            await client.ExecuteAsync(shop, CheapQuery, new JsonObject { ["query"] = "tag:none" }, CancellationToken.None);

        Assert.AreEqual(0, store.ThrottledCount, "no call was THROTTLED");
        Assert.AreEqual(300, store.Received.Count);
        Assert.AreEqual(15, buckets.For(shop).MaximumAvailable, "the bucket size was read from the responses");
        Assert.AreEqual(500, buckets.For(shop).RestoreRate, "the restore rate was read from the responses");
        Assert.AreEqual(3, buckets.EstimatedCost(CheapQuery), "the cost was read from requestedQueryCost");
    }

    [TestMethod]
    public async Task Concurrent_callers_share_the_bucket_without_a_single_THROTTLED_answer()
    {
        var simulator = await TestSimulators.ShopifyAsync();
        const string domain = "bucket-concurrent.myshopify.com";
        var store = simulator.AddStore(domain, Token, maximumAvailable: 15, restoreRate: 500);
        var buckets = new ShopifyCostBuckets();
        var client = new ShopifyGraphQlClient(new HttpClient(), TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System, buckets);
        var shop = new ShopifyStore(domain, simulator.AdminBaseUrl(domain), Token);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
                await client.ExecuteAsync(shop, CheapQuery, new JsonObject { ["query"] = "tag:none" }, CancellationToken.None);
        })));

        Assert.AreEqual(0, store.ThrottledCount, "no call was THROTTLED");
        Assert.AreEqual(300, store.Received.Count);
    }

    [TestMethod]
    public async Task Without_pacing_the_same_run_is_throttled_so_the_test_above_means_something()
    {
        var simulator = await TestSimulators.ShopifyAsync();
        const string domain = "bucket-control.myshopify.com";
        var store = simulator.AddStore(domain, Token, maximumAvailable: 15, restoreRate: 1);
        using var http = new HttpClient();

        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.AdminBaseUrl(domain), "admin/api/2026-07/graphql.json"))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new JsonObject { ["query"] = CheapQuery, ["variables"] = new JsonObject { ["query"] = "tag:none" } }),
            };
            request.Headers.Add("X-Shopify-Access-Token", Token);
            (await http.SendAsync(request)).Dispose();
        }

        Assert.IsTrue(store.ThrottledCount > 0, "an unpaced run of 10 calls against a 15-point bucket is throttled");
    }

    [TestMethod]
    public async Task A_THROTTLED_answer_also_feeds_the_bucket_so_the_next_call_waits_instead_of_failing()
    {
        var simulator = await TestSimulators.ShopifyAsync();
        const string domain = "bucket-after-throttle.myshopify.com";
        var store = simulator.AddStore(domain, Token, maximumAvailable: 15, restoreRate: 100);
        var buckets = new ShopifyCostBuckets();
        var client = new ShopifyGraphQlClient(new HttpClient(), TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System, buckets);
        var shop = new ShopifyStore(domain, simulator.AdminBaseUrl(domain), Token);
        store.FailNext("orders", new ShopifyFault.Throttled());

        await Assert.ThrowsExactlyAsync<OrderSync.Core.Platforms.PlatformException>(() =>
            client.ExecuteAsync(shop, CheapQuery, new JsonObject { ["query"] = "tag:none" }, CancellationToken.None));
        for (var i = 0; i < 20; i++)
            await client.ExecuteAsync(shop, CheapQuery, new JsonObject { ["query"] = "tag:none" }, CancellationToken.None);

        Assert.AreEqual(1, store.ThrottledCount, "only the forced THROTTLED answer");
        Assert.AreEqual(15, buckets.For(shop).MaximumAvailable);
    }
}
