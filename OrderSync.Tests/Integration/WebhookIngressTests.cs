using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Sandbox;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration;

/// <summary>The ingress with its real dedupe table and queue: what is answered, and what is (not) queued.</summary>
[TestClass]
public sealed class WebhookIngressTests
{
    private StorageOptions _storage = null!;
    private StorageQueueSignalQueue _queue = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _storage = await TestStorage.IsolatedAsync();
        _queue = new StorageQueueSignalQueue(TestStorage.Wrap(_storage));
        await _queue.EnsureCreatedAsync(CancellationToken.None);
    }

    [TestMethod]
    public async Task A_signed_order_webhook_is_answered_200_and_its_order_placed_signal_queued()
    {
        var webhook = new ShopifyWebhookBuilder().WithWebhookId("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");

        var result = await Post(await IngressAsync(), webhook);

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        var queued = await Queued();
        var envelope = queued.Single();
        Assert.AreEqual("shopify:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", envelope.Id);
        Assert.AreEqual(ShopifyWebhookBuilder.MerchantShop, envelope.Order.Shop);
        Assert.AreEqual(Samples.ShopifyOrderId, envelope.Order.OrderId);
        Assert.AreEqual("orders/create", envelope.Origin.Topic);
        Assert.AreEqual("event-b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", envelope.Origin.EventId);
        Assert.IsInstanceOfType<OrderPlaced>(envelope.Signal);
    }

    [TestMethod]
    public async Task A_redelivery_with_the_same_webhook_id_is_answered_200_and_queues_nothing_new()
    {
        var ingress = await IngressAsync();
        var webhook = new ShopifyWebhookBuilder().WithWebhookId("same-id");

        Assert.AreEqual(200, (await Post(ingress, webhook)).StatusCode);
        var again = await Post(ingress, webhook);

        Assert.AreEqual(200, again.StatusCode);
        StringAssert.Contains(again.Reason, "duplicate");
        Assert.AreEqual(1, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_redelivery_already_taken_by_a_reader_is_still_answered_as_a_duplicate_and_left_to_that_reader()
    {
        var ingress = await IngressAsync();
        var webhook = new ShopifyWebhookBuilder().WithWebhookId("taken-id");
        await Post(ingress, webhook);
        var held = await _queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None);
        var racing = new ReaderTakesEachMessage(_queue);

        var again = await Post(await IngressAsync(queue: racing), webhook);

        Assert.AreEqual(200, again.StatusCode);
        StringAssert.Contains(again.Reason, "duplicate");
        Assert.AreEqual(1, held.Count);
        Assert.AreEqual(held.Single().Envelope!.Id, racing.Taken.Single().Envelope!.Id, "left to the reader, with the same signal id");
    }

    [TestMethod]
    public async Task Simultaneous_deliveries_of_one_webhook_leave_one_message_queued()
    {
        var ingress = await IngressAsync();
        var webhook = new ShopifyWebhookBuilder().WithWebhookId("burst-id");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Post(ingress, webhook)));

        Assert.IsTrue(answers.All(a => a.StatusCode == 200));
        Assert.AreEqual(1, answers.Count(a => a.Reason.StartsWith("accepted")), string.Join("; ", answers.Select(a => a.Reason)));
        Assert.AreEqual(1, (await Queued()).Count);
    }

    [TestMethod]
    [DataRow("forged", DisplayName = "signed with another secret")]
    [DataRow("missing", DisplayName = "no signature header")]
    [DataRow("tampered", DisplayName = "body changed after signing")]
    public async Task An_unauthentic_webhook_is_answered_401_and_nothing_is_queued(string how)
    {
        var webhook = how switch
        {
            "forged" => new ShopifyWebhookBuilder().SignedWith("not-the-app-secret"),
            "missing" => new ShopifyWebhookBuilder().WithSignature(""),
            _ => new ShopifyWebhookBuilder().WithSignature(ShopifyWebhookSignature.Compute(Samples.ShopifyNewPaidOrder(), ShopifyWebhookBuilder.Secret))
                .WithBody(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Samples.ShopifyNewPaidOrder()).Replace("199.00", "1.00"))),
        };

        var result = await Post(await IngressAsync(), webhook);

        Assert.AreEqual(401, result.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_signed_but_unparsable_body_is_answered_400_with_a_reason_and_nothing_is_queued()
    {
        var result = await Post(await IngressAsync(), new ShopifyWebhookBuilder().WithBody("{\"id\": 1, \"line_items\": ["u8.ToArray()));

        Assert.AreEqual(400, result.StatusCode);
        StringAssert.StartsWith(result.Reason, "malformed webhook:");
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_signed_order_without_a_currency_is_answered_400_naming_it()
    {
        var result = await Post(await IngressAsync(), new ShopifyWebhookBuilder().WithBody("""{"id": 5, "line_items": []}"""u8.ToArray()));

        Assert.AreEqual(400, result.StatusCode);
        StringAssert.Contains(result.Reason, "currency");
    }

    [TestMethod]
    public async Task A_webhook_without_its_shop_domain_header_is_answered_400()
    {
        var webhook = new ShopifyWebhookBuilder().FromShop("");

        var result = await Post(await IngressAsync(), webhook);

        Assert.AreEqual(400, result.StatusCode);
        StringAssert.Contains(result.Reason, "Shop-Domain");
    }

    [TestMethod]
    public async Task A_body_over_the_limit_is_answered_413_whether_or_not_it_declares_its_length()
    {
        var ingress = await IngressAsync(maxBodyBytes: 4096);
        var webhook = new ShopifyWebhookBuilder().WithBody(new byte[4097]);

        var declared = await ingress.HandleAsync("shopify", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), webhook.Body.Length, CancellationToken.None);
        var undeclared = await ingress.HandleAsync("shopify", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), null, CancellationToken.None);

        Assert.AreEqual(413, declared.StatusCode);
        Assert.AreEqual(413, undeclared.StatusCode);
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_topic_OrderSync_does_not_use_is_answered_200_and_nothing_is_queued()
    {
        var result = await Post(await IngressAsync(), new ShopifyWebhookBuilder().WithTopic("products/update"));

        Assert.AreEqual(200, result.StatusCode);
        StringAssert.StartsWith(result.Reason, "ignored");
        Assert.AreEqual(0, (await Queued()).Count);
    }

    [TestMethod]
    public async Task An_unknown_source_is_answered_404()
    {
        var webhook = new ShopifyWebhookBuilder();
        var result = await (await IngressAsync()).HandleAsync("nowhere", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), null, CancellationToken.None);

        Assert.AreEqual(404, result.StatusCode);
    }

    [TestMethod]
    public async Task When_the_queue_is_unreachable_the_answer_is_503_so_Shopify_retries_and_the_delivery_is_not_remembered()
    {
        var unreachable = new StorageOptions
        {
            ConnectionString = _storage.ConnectionString.Replace(QueuePort(_storage.ConnectionString), "1"),
            TablePrefix = _storage.TablePrefix,
            SignalQueue = _storage.SignalQueue,
        };
        var broken = await IngressAsync(queue: new StorageQueueSignalQueue(TestStorage.Wrap(unreachable)));
        var webhook = new ShopifyWebhookBuilder().WithWebhookId("retry-me");

        var first = await Post(broken, webhook);
        var retried = await Post(await IngressAsync(), webhook);

        Assert.AreEqual(503, first.StatusCode);
        Assert.AreEqual(200, retried.StatusCode);
        StringAssert.StartsWith(retried.Reason, "accepted", "the failed delivery was not remembered as seen");
        Assert.AreEqual(1, (await Queued()).Count);
    }

    [TestMethod]
    public async Task A_delivery_queued_while_the_dedupe_table_is_unreachable_is_answered_200_and_stays_queued()
    {
        var closedPort = _storage.ConnectionString.Replace(TablePort(_storage.ConnectionString), LoopbackPorts.Free().ToString());
        var unreachable = new TableServiceClient(closedPort, new TableClientOptions { Retry = { MaxRetries = 0 } });
        var ingress = await IngressAsync(deliveries: new WebhookDeduplicator(unreachable, TestStorage.Wrap(_storage), TimeProvider.System));

        var result = await Post(ingress, new ShopifyWebhookBuilder().WithWebhookId("table-down"));

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        Assert.AreEqual(1, (await Queued()).Count);
    }

    private async Task<WebhookIngress> IngressAsync(long maxBodyBytes = 1024 * 1024, ISignalQueue? queue = null, WebhookDeduplicator? deliveries = null)
    {
        if (deliveries is null)
        {
            deliveries = new WebhookDeduplicator(new TableServiceClient(_storage.ConnectionString), TestStorage.Wrap(_storage), TimeProvider.System);
            await deliveries.EnsureCreatedAsync(CancellationToken.None);
        }
        var shopify = new ShopifyWebhookSource(TestStorage.Wrap(new ShopifyOptions { WebhookSecrets = [ShopifyWebhookBuilder.Secret] }),
            new MerchantDirectory(TestStorage.Wrap(new SyncConfiguration())));
        var router = await TestRouting.RouterAsync(_storage, queue ?? _queue);
        return new WebhookIngress([shopify], deliveries, router, TestStorage.Wrap(new IngressOptions { MaxBodyBytes = maxBodyBytes }),
            TimeProvider.System, NullLogger<WebhookIngress>.Instance);
    }

    private static Task<WebhookResult> Post(WebhookIngress ingress, ShopifyWebhookBuilder webhook) =>
        ingress.HandleAsync("shopify", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), webhook.Body.Length, CancellationToken.None);

    private async Task<List<SignalEnvelope>> Queued() =>
        [.. (await _queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Select(m => m.Envelope!)];

    private static string QueuePort(string connectionString) => Port(connectionString, "QueueEndpoint=");

    private static string TablePort(string connectionString) => Port(connectionString, "TableEndpoint=");

    private static string Port(string connectionString, string endpoint) =>
        connectionString.Split(';').Single(p => p.StartsWith(endpoint)).Split(':')[2].Split('/')[0];

    /// <summary>The real queue, with a reader that receives each message the moment it is sent (before a withdrawal can reach it).</summary>
    private sealed class ReaderTakesEachMessage(StorageQueueSignalQueue queue) : ISignalQueue
    {
        public List<ReceivedSignal> Taken { get; } = [];

        public async Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        {
            var message = await queue.EnqueueAsync(envelope, delay, cancellationToken);
            Taken.AddRange(await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), cancellationToken));
            return message;
        }

        public Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken) => queue.WithdrawAsync(message, cancellationToken);
    }
}
