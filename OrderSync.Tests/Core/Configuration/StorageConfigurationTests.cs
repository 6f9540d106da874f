using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Hosting;
using OrderSync.Core.Storage;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>OrderSync:Storage, as AddOrderSync binds it: a connection string, or endpoints and an identity (no account key).</summary>
[TestClass]
public sealed class StorageConfigurationTests
{
    private const string TableEndpoint = "https://ordersyncprod.table.core.windows.net";
    private const string QueueEndpoint = "https://ordersyncprod.queue.core.windows.net/";

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["OrderSync:Shopify:WebhookSecrets:0"] = "app-secret" }
                .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        return new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
    }

    [TestMethod]
    public void With_endpoints_and_no_connection_string_the_tables_and_queues_are_opened_at_those_endpoints()
    {
        using var services = Services(
            ("OrderSync:Storage:TableServiceUri", TableEndpoint),
            ("OrderSync:Storage:QueueServiceUri", QueueEndpoint),
            ("OrderSync:Storage:ManagedIdentityClientId", "7f0c2f7e-0000-4000-8000-000000000001"));

        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var tables = services.GetRequiredService<TableServiceClient>();
        var queue = StorageClients.Queue(storage, storage.SignalQueue, new Azure.Storage.Queues.QueueClientOptions());

        Assert.IsTrue(storage.UsesIdentity);
        Assert.AreEqual(new Uri(TableEndpoint), tables.Uri);
        Assert.AreEqual("ordersyncprod", tables.AccountName);
        Assert.AreEqual(new Uri("https://ordersyncprod.queue.core.windows.net/order-signals"), queue.Uri);
    }

    [TestMethod]
    public void A_connection_string_alone_is_used_as_it_is()
    {
        using var services = Services(("OrderSync:Storage:ConnectionString", "UseDevelopmentStorage=true"));

        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.IsFalse(storage.UsesIdentity);
        Assert.AreEqual("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [TestMethod]
    [DataRow(new string[0], "OrderSync:Storage:ConnectionString is required", DisplayName = "neither")]
    [DataRow(new[] { "OrderSync:Storage:TableServiceUri", TableEndpoint }, "OrderSync:Storage:QueueServiceUri", DisplayName = "a table endpoint only")]
    [DataRow(new[] { "OrderSync:Storage:ConnectionString", "UseDevelopmentStorage=true", "OrderSync:Storage:TableServiceUri", TableEndpoint }, "not both", DisplayName = "both")]
    [DataRow(new[] { "OrderSync:Storage:TableServiceUri", "http://ordersyncprod.table.core.windows.net", "OrderSync:Storage:QueueServiceUri", QueueEndpoint }, "OrderSync:Storage:TableServiceUri must be an absolute https://", DisplayName = "plain http")]
    public void A_storage_setting_that_cannot_connect_fails_start_up_naming_it(string[] pairs, string expected)
    {
        using var services = Services([.. pairs.Chunk(2).Select(p => (p[0], p[1]))]);

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.IsTrue(error.Failures.Any(f => f.Contains(expected)), string.Join(" | ", error.Failures));
    }
}
