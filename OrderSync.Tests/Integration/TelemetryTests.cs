using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Telemetry;
using OrderSync.Core.Webhooks;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Integration.Execution;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Integration.Execution.CommandBuilder;
using static OrderSync.Tests.Support.ShipmentBuilder;

namespace OrderSync.Tests.Integration;

/// <summary>The metrics and spans the monitoring reads, as emitted by the ingress, the processor and the executor.</summary>
[TestClass]
public sealed class TelemetryTests
{
    private static ExecutorSimulators _simulators = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _simulators = await ExecutorSimulators.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await _simulators.DisposeAsync();

    [TestMethod]
    public async Task A_forged_webhook_counts_as_unauthorized_from_shopify_with_no_topic()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync();

        var result = await PostAsync(services, new ShopifyWebhookBuilder().SignedWith("not-the-secret"));

        Assert.AreEqual(401, result.StatusCode);
        var received = telemetry.Of("ordersync.webhooks.received").Single();
        Assert.AreEqual(("shopify", "unknown", "unauthorized", 1d), (received.Tags["source"], received.Tags["topic"], received.Tags["outcome"], received.Value));
    }

    [TestMethod]
    public async Task A_queued_webhook_counts_as_queued_with_its_topic_and_its_span_names_the_order()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync();

        var result = await PostAsync(services, new ShopifyWebhookBuilder().WithWebhookId(Guid.NewGuid().ToString()));

        Assert.AreEqual(200, result.StatusCode, result.Reason);
        var received = telemetry.Of("ordersync.webhooks.received").Single();
        Assert.AreEqual(("shopify", "orders/create", "queued"), (received.Tags["source"], received.Tags["topic"], received.Tags["outcome"]));
        var span = telemetry.Spans("ordersync.webhook").Single();
        Assert.AreEqual($"{ShopifyWebhookBuilder.MerchantShop}/{Samples.ShopifyOrderId}", span.GetTagItem(OrderSyncTelemetry.OrderKeyTag));
    }

    [TestMethod]
    [DataRow(ExecutorKit.HttpVendor, "succeeded", "HttpVendor")]
    [DataRow("no-such-vendor", "permanent", "unknown")]
    public async Task A_push_records_its_duration_by_vendor_kind_and_outcome(string vendorId, string outcome, string vendorKind)
    {
        var kit = await ExecutorKit.StartAsync(_simulators);
        using var telemetry = new TelemetryRecorder();

        await kit.Executor().ExecuteAsync(Push(new OrderKey("merchant.myshopify.com", Random.Shared.NextInt64(1, long.MaxValue).ToString()), vendorId), mayHaveRun: true, CancellationToken.None);

        var push = telemetry.Of("ordersync.push.duration").Single();
        Assert.AreEqual((vendorKind, outcome), (push.Tags["vendor_kind"], push.Tags["outcome"]));
        Assert.IsGreaterThan(0d, push.Value);
    }

    [TestMethod]
    public async Task A_processed_signal_that_raises_attention_counts_it_and_its_spans_name_the_order()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync();
        var order = new OrderKey("merchant.myshopify.com", Random.Shared.NextInt64(1, long.MaxValue).ToString());
        var receivedAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        // A shipment for an order OrderSync sent this vendor nothing of: a stray shipment a person must look at.
        var stray = new SignalEnvelope($"test:{Guid.NewGuid()}", order, new VendorShipped("vendor-a", null, AShipment().Tracked("1Z999AA10123456784").Build()),
            new SignalOrigin("shopify", "fulfillments/create", null, null, receivedAt));

        await services.GetRequiredService<OrderSignalProcessor>().ProcessAsync(stray, CancellationToken.None);

        var raised = telemetry.Of("ordersync.attention.raised").Single();
        Assert.AreEqual("stray-shipment", raised.Tags["reason"]);
        Assert.AreEqual(order.ToString(), telemetry.Spans("ordersync.signal").Single().GetTagItem(OrderSyncTelemetry.OrderKeyTag));
        Assert.IsGreaterThanOrEqualTo(30d, telemetry.Of("ordersync.queue.lag").Single().Value);
    }

    [TestMethod]
    public async Task A_processed_order_placed_runs_its_push_in_a_command_span_that_names_the_order()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync(new Dictionary<string, string?>
        {
            ["OrderSync:Merchants:0:Shop"] = ShopifyWebhookBuilder.MerchantShop,
            ["OrderSync:Merchants:0:ProductMappings:0:MerchantSku"] = "MUG",
            ["OrderSync:Merchants:0:ProductMappings:0:VendorId"] = TestIngress.HttpVendor,
            ["OrderSync:Vendors:2:ApiBaseUrl"] = _simulators.Http.BaseUrl.ToString(),
            ["OrderSync:Vendors:2:WebhookSecrets:0"] = ExecutorSimulators.HttpVendorSecret,
        });
        var order = OrderBuilder.AnOrder().WithId(Random.Shared.NextInt64(1, long.MaxValue).ToString()).WithLine("MUG").Build();
        var placed = new SignalEnvelope($"test:{Guid.NewGuid()}", order.Key, new OrderPlaced(order),
            new SignalOrigin("shopify", "orders/create", null, null, DateTimeOffset.UtcNow));

        await services.GetRequiredService<OrderSignalProcessor>().ProcessAsync(placed, CancellationToken.None);

        var command = telemetry.Spans("ordersync.command").Single();
        Assert.AreEqual((order.Key.ToString(), nameof(PushOrderToVendor)), (command.GetTagItem(OrderSyncTelemetry.OrderKeyTag), command.GetTagItem("ordersync.command")));
        var push = telemetry.Of("ordersync.push.duration").Single();
        Assert.AreEqual(("HttpVendor", "succeeded"), (push.Tags["vendor_kind"], push.Tags["outcome"]));
    }

    private static Task<WebhookResult> PostAsync(IServiceProvider services, ShopifyWebhookBuilder webhook) =>
        services.GetRequiredService<WebhookIngress>().HandleAsync(
            "shopify", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), webhook.Body.Length, CancellationToken.None);
}
