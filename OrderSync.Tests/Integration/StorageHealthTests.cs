using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Hosting;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;
using OrderSync.Sandbox;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>The health answer both shells give: the tables and the signal queue, each checked for real.</summary>
[TestClass]
public sealed class StorageHealthTests
{
    [TestMethod]
    public async Task With_Azurite_up_the_tables_and_the_queue_are_reachable_and_the_answer_is_200()
    {
        await using var services = await TestIngress.ServicesAsync();

        var report = await services.GetRequiredService<StorageHealth>().CheckAsync(CancellationToken.None);

        Assert.AreEqual(200, report.StatusCode, OrderSyncJson.Serialize(report));
        Assert.AreEqual("healthy", report.Status);
        CollectionAssert.AreEquivalent(new[] { StorageHealth.Tables, StorageHealth.Queue }, report.Checks.Select(c => c.Name).ToArray());
        Assert.IsTrue(report.Checks.All(c => c.Reachable));
        Assert.AreEqual("about 0 signals waiting", report.Checks.Single(c => c.Name == StorageHealth.Queue).Detail);
    }

    [TestMethod]
    public async Task With_storage_on_a_closed_port_the_answer_is_503_naming_the_tables_and_the_queue_within_the_timeout()
    {
        var closed = LoopbackPorts.Free();
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = connection,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
        var started = Stopwatch.StartNew();

        var report = await services.GetRequiredService<StorageHealth>().CheckAsync(CancellationToken.None);

        Assert.IsLessThan(StorageHealth.Timeout + TimeSpan.FromSeconds(1), started.Elapsed);
        Assert.AreEqual(503, report.StatusCode);
        Assert.AreEqual("unhealthy", report.Status);
        CollectionAssert.AreEquivalent(new[] { StorageHealth.Tables, StorageHealth.Queue }, report.Unreachable!.ToArray());
        var json = OrderSyncJson.Serialize(report);
        StringAssert.Contains(json, "\"unreachable\":[\"tables\",\"queue\"]");
        Assert.DoesNotContain("Eby8vdM02", json, "the answer never holds the account key");
    }
}
