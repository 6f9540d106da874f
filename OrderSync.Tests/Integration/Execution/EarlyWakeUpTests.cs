using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.Shopify;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.OrderBuilder;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>
/// A scheduled wake-up can arrive before the retry it is for is due (another process's clock; a queue that counts delays in
/// whole seconds). Found by the chaos run: such an order waited with its retry never run, until some other signal came.
/// </summary>
[TestClass]
public sealed class EarlyWakeUpTests
{
    [TestMethod]
    public async Task A_wake_up_that_finds_the_retry_not_yet_due_schedules_it_again()
    {
        await using var services = await TestIngress.ServicesAsync(new Dictionary<string, string?>
        {
            ["OrderSync:Merchants:0:Shop"] = ShopifyWebhookBuilder.MerchantShop,
            ["OrderSync:Merchants:0:DefaultVendorId"] = "vendor-a",
            ["OrderSync:Merchants:0:PushUnmappedProducts"] = "true",
        });
        var store = services.GetRequiredService<OrderStore>();
        var queue = (RecordingSignalQueue)services.GetRequiredService<ISignalQueue>();
        var settings = services.GetRequiredService<MerchantDirectory>().SettingsFor(ShopifyWebhookBuilder.MerchantShop);
        var order = AnOrder().Build();
        var now = DateTimeOffset.UtcNow;
        // Given a push that failed once and waits for its retry, with the wake-up for it scheduled
        var placed = OrderStep.Take(OrderRecord.New(order.Key), new OrderPlaced(order), null, "placed", settings, now).Record;
        var push = placed.Outbox.Single().Command;
        var failed = OrderStep.Take(placed.Settle(push.Id), new CommandFailed(push.Id, FailureKind.Transient, "Shopify answered 503"), null, null, settings, now);
        var retryAt = failed.WakeAt ?? throw new AssertFailedException("the failed push should wait for a retry");
        await store.SaveAsync(await store.LoadAsync(order.Key, CancellationToken.None), failed.Record with { WakeScheduledFor = retryAt }, [], CancellationToken.None);

        // When its wake-up arrives before the retry is due
        await services.GetRequiredService<OrderSignalProcessor>().ProcessAsync(new SignalEnvelope($"wake:{retryAt.UtcTicks}", order.Key, new WakeUp(),
            new SignalOrigin("ordersync", "wake-up", null, retryAt, now)), CancellationToken.None);

        // Then another wake-up is queued for the retry
        var again = queue.Queued.Where(e => e.Signal is WakeUp).ToList();
        Assert.HasCount(1, again, "the early wake-up finds nothing due: without a new one the retry never runs");
        Assert.AreEqual($"wake:{retryAt.UtcTicks}", again[0].Id);
        Assert.AreEqual(retryAt, (await store.LoadAsync(order.Key, CancellationToken.None)).Record.WakeScheduledFor);
    }
}
