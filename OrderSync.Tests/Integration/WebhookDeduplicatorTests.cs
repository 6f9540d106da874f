using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

[TestClass]
public sealed class WebhookDeduplicatorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private WebhookDeduplicator _deliveries = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        var options = await TestStorage.IsolatedAsync();
        options.DedupeRetention = TimeSpan.FromHours(4);
        _deliveries = new WebhookDeduplicator(new TableServiceClient(options.ConnectionString), TestStorage.Wrap(options), _clock);
        await _deliveries.EnsureCreatedAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task A_remembered_delivery_is_seen_and_another_is_not()
    {
        await _deliveries.RememberAsync("shopify", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", CancellationToken.None);

        Assert.IsTrue(await _deliveries.HasSeenAsync("shopify", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", CancellationToken.None));
        Assert.IsFalse(await _deliveries.HasSeenAsync("shopify", "another", CancellationToken.None));
        Assert.IsFalse(await _deliveries.HasSeenAsync("stripe", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", CancellationToken.None), "sources keep separate ids");
    }

    [TestMethod]
    public async Task A_delivery_is_forgotten_after_the_retention_period()
    {
        await _deliveries.RememberAsync("shopify", "id-1", CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        Assert.IsTrue(await _deliveries.HasSeenAsync("shopify", "id-1", CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.IsFalse(await _deliveries.HasSeenAsync("shopify", "id-1", CancellationToken.None));
    }

    [TestMethod]
    [DataRow("with/slash#and?query")]
    [DataRow("evt_1NG8Du2eZvKYlo2CUI79vXWy")]
    [DataRow("a-very-long-id-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Any_delivery_id_can_be_remembered(string deliveryId)
    {
        await _deliveries.RememberAsync("shopify", deliveryId, CancellationToken.None);

        Assert.IsTrue(await _deliveries.HasSeenAsync("shopify", deliveryId, CancellationToken.None));
        Assert.IsFalse(await _deliveries.HasSeenAsync("shopify", deliveryId + "x", CancellationToken.None));
    }

    [TestMethod]
    public async Task The_first_claim_of_an_id_wins_and_a_second_finds_a_redelivery()
    {
        Assert.IsTrue(await _deliveries.ClaimAsync("shopify", "id-2", CancellationToken.None));

        Assert.IsFalse(await _deliveries.ClaimAsync("shopify", "id-2", CancellationToken.None));
        Assert.IsTrue(await _deliveries.HasSeenAsync("shopify", "id-2", CancellationToken.None));
        Assert.IsTrue(await _deliveries.ClaimAsync("stripe", "id-2", CancellationToken.None), "sources keep separate ids");
    }

    [TestMethod]
    public async Task An_id_remembered_past_its_retention_is_claimed_again_once()
    {
        await _deliveries.RememberAsync("shopify", "id-3", CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _deliveries.ClaimAsync("shopify", "id-3", CancellationToken.None)));

        Assert.AreEqual(1, claims.Count(first => first), "one of four redeliveries at once is the first");
        Assert.IsTrue(await _deliveries.HasSeenAsync("shopify", "id-3", CancellationToken.None), "remembered for another retention period");
    }

    [TestMethod]
    public async Task A_claim_whose_insert_is_retried_after_its_answer_was_lost_is_still_the_first()
    {
        var options = await TestStorage.IsolatedAsync();
        var tables = new TableClientOptions();
        var losing = StorageWriteFaults.OnInserts();
        losing.LoseWrite(1);
        tables.AddPolicy(losing, HttpPipelinePosition.PerRetry);
        var deliveries = new WebhookDeduplicator(new TableServiceClient(options.ConnectionString, tables), TestStorage.Wrap(options), _clock);
        await deliveries.EnsureCreatedAsync(CancellationToken.None);

        Assert.IsTrue(await deliveries.ClaimAsync("shopify", "id-5", CancellationToken.None), "the retry met the claim's own row");
        Assert.IsFalse(await deliveries.ClaimAsync("shopify", "id-5", CancellationToken.None), "another delivery of the id is a redelivery");
        Assert.AreEqual(3, losing.Seen, "the first insert, its retry, and the second delivery's");
    }

    [TestMethod]
    public async Task Of_simultaneous_first_deliveries_exactly_one_claims_the_id()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _deliveries.ClaimAsync("shopify", "id-4", CancellationToken.None)));

        Assert.AreEqual(1, claims.Count(first => first));
    }
}
