using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.Azurite;
using OrderSync.Sandbox.Hosting;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>OrderSync.Local's GET /api/health over a storage of its own: 200 while it answers, 503 naming what stopped once it is gone.</summary>
[TestClass]
public sealed class HealthEndToEndTests
{
    [TestMethod]
    public async Task The_health_route_answers_200_with_each_check_and_503_naming_the_tables_and_the_queue_once_storage_stops()
    {
        await using var azurite = await AzuriteProcess.StartAsync(reuseRunning: false); // stopped below; disposing again is harmless
        Assert.IsTrue(azurite.Owned, "the test needs a storage of its own to stop");
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["OrderSync:Storage:ConnectionString"] = azurite.ConnectionString,
            ["OrderSync:Shopify:WebhookSecrets:0"] = ShopifyWebhookBuilder.Secret,
        });
        using var http = new HttpClient();

        var healthy = await http.GetAsync(new Uri(host.BaseUrl, "api/health"));
        var body = await healthy.Content.ReadFromJsonAsync<JsonNode>();
        Assert.AreEqual(HttpStatusCode.OK, healthy.StatusCode, body?.ToJsonString());
        Assert.AreEqual("healthy", body!["status"]!.GetValue<string>());
        Assert.AreEqual("Outbox", body["runtime"]!.GetValue<string>(), "the host says what runs its orders (OrderSync:Runtime unset)");
        CollectionAssert.AreEquivalent(new[] { "tables", "queue" }, body["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray());

        await azurite.DisposeAsync();
        var unhealthy = await http.GetAsync(new Uri(host.BaseUrl, "api/health"));
        body = await unhealthy.Content.ReadFromJsonAsync<JsonNode>();
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode, body?.ToJsonString());
        CollectionAssert.AreEquivalent(new[] { "tables", "queue" }, body!["unreachable"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray());
    }
}
