using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Telemetry;
using OrderSync.Core.Webhooks;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Telemetry;

/// <summary>The W3C trace context of the span that queues a signal travels in the Azurite queue message to the span that processes it.</summary>
[TestClass]
public sealed class TracePropagationTests
{
    [TestMethod]
    public async Task A_webhook_and_the_processing_of_its_signal_are_one_trace()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync(realQueue: true);
        var webhook = new ShopifyWebhookBuilder().WithWebhookId(Guid.NewGuid().ToString());

        var result = await services.GetRequiredService<WebhookIngress>().HandleAsync(
            "shopify", null, webhook.WebhookHeaders(), new MemoryStream(webhook.Body), webhook.Body.Length, CancellationToken.None);
        Assert.AreEqual(200, result.StatusCode, result.Reason);
        var message = (await services.GetRequiredService<StorageQueueSignalQueue>().ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None)).Single();
        await services.GetRequiredService<OrderSignalProcessor>().ProcessAsync(message.Envelope!, CancellationToken.None);

        var received = telemetry.Spans("ordersync.webhook").Single();
        var processed = telemetry.Spans("ordersync.signal").Single();
        Assert.AreEqual(received.TraceId, processed.TraceId);
        Assert.AreEqual(received.SpanId, processed.ParentSpanId, "the webhook's span is the parent of its signal's");
        Assert.AreEqual(received.SpanId, processed.Links.Single().Context.SpanId, "and the creation context it links to");
        Assert.AreEqual(ActivityKind.Consumer, processed.Kind);
    }

    [TestMethod]
    public async Task A_signal_queued_inside_a_span_carries_that_span_and_its_trace_state()
    {
        await using var services = await TestIngress.ServicesAsync(realQueue: true);
        var queue = services.GetRequiredService<StorageQueueSignalQueue>();
        using var source = new ActivitySource("test-enqueuer");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using (var enqueuer = source.StartActivity("wake-up scheduler")!)
        {
            enqueuer.TraceStateString = "ordersync=test";
            await queue.EnqueueAsync(AWakeUp(), TimeSpan.Zero);
            var carried = (await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), CancellationToken.None)).Single().Envelope!.Trace!.Context()!.Value;

            Assert.AreEqual((enqueuer.TraceId, enqueuer.SpanId, "ordersync=test"), (carried.TraceId, carried.SpanId, carried.TraceState));
            Assert.IsTrue(carried.IsRemote);
        }
    }

    [TestMethod]
    public async Task A_message_queued_before_trace_context_existed_is_read_and_processed_in_a_trace_of_its_own()
    {
        using var telemetry = new TelemetryRecorder();
        await using var services = await TestIngress.ServicesAsync();
        var old = OrderSyncJson.Serialize(AWakeUp());
        Assert.DoesNotContain("trace", old);

        var (envelope, error) = OrderSyncJson.TryDeserializeEnvelope(old);
        Assert.IsNull(error);
        Assert.IsNull(envelope!.Trace);
        await services.GetRequiredService<OrderSignalProcessor>().ProcessAsync(envelope, CancellationToken.None);

        var processed = telemetry.Spans("ordersync.signal").Single();
        Assert.AreEqual(default, processed.ParentSpanId);
        Assert.IsEmpty(processed.Links);
    }

    private static SignalEnvelope AWakeUp()
    {
        var now = DateTimeOffset.UtcNow;
        return new SignalEnvelope($"wake:{Guid.NewGuid():N}", new OrderKey("merchant.myshopify.com", Random.Shared.NextInt64(1, long.MaxValue).ToString()),
            new WakeUp(), new SignalOrigin("ordersync", "wake-up", null, now, now));
    }
}
