using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Local.Worker;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Local;

/// <summary>
/// OrderSync:Worker:Enabled: an ingress-only host leaves the queue to other processes; and a message whose processing
/// failed is seen again within seconds, not after the visibility timeout.
/// </summary>
[TestClass]
public sealed class SignalQueueWorkerSwitchTests
{
    [TestMethod]
    public async Task A_disabled_worker_ends_at_once_and_leaves_the_queued_signal_for_others()
    {
        var (worker, handler, storage) = await WorkerAsync(enabled: false);
        await new StorageQueueSignalQueue(TestStorage.Wrap(storage)).EnqueueAsync(WakeUp("1"));

        await worker.StartAsync(CancellationToken.None);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.AreEqual(0, handler.Calls);
        Assert.AreEqual(1, await TestQueues.CountAsync(TestQueues.Signals(storage)));
    }

    [TestMethod]
    public async Task An_enabled_worker_keeps_pumping_until_stopped()
    {
        var (worker, _, _) = await WorkerAsync(enabled: true);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            Assert.IsFalse(worker.ExecuteTask!.IsCompleted);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task A_message_whose_processing_failed_is_processed_again_within_seconds_not_after_the_visibility_timeout()
    {
        var (worker, handler, storage) = await WorkerAsync(enabled: true, failFirst: 1);
        await new StorageQueueSignalQueue(TestStorage.Wrap(storage)).EnqueueAsync(WakeUp("2"));

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(handler.Calls), calls => calls == 2, "the second delivery (a minute's visibility timeout)");
            await Eventually.GetAsync(() => TestQueues.CountAsync(TestQueues.Signals(storage)), n => n == 0, "the message settled");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task Waiting_for_another_workers_command_does_not_count_towards_the_poison_queue()
    {
        var (worker, handler, storage) = await WorkerAsync(enabled: true, busyFirst: 4, maxDeliveries: 2);
        await new StorageQueueSignalQueue(TestStorage.Wrap(storage)).EnqueueAsync(WakeUp("3"));

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(handler.Calls), calls => calls == 5, "four busy answers, then done");
            await Eventually.GetAsync(() => TestQueues.CountAsync(TestQueues.Signals(storage)), n => n == 0, "the message settled");
            Assert.AreEqual(0, handler.Abandoned, "never set aside: the order was only waiting");
            Assert.AreEqual(0, await TestQueues.CountAsync(TestQueues.Poison(storage)));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<(SignalQueueWorker, CountingHandler, StorageOptions)> WorkerAsync(bool enabled, int failFirst = 0, int busyFirst = 0, int maxDeliveries = 5)
    {
        var storage = await TestStorage.IsolatedAsync();
        var queue = new StorageQueueSignalQueue(TestStorage.Wrap(storage));
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var handler = new CountingHandler { FailFirst = failFirst, BusyFirst = busyFirst };
        var options = new WorkerOptions
        {
            Enabled = enabled, MaxIdleDelay = TimeSpan.FromMilliseconds(100), VisibilityTimeout = TimeSpan.FromMinutes(1), MaxDeliveries = maxDeliveries,
        };
        return (new SignalQueueWorker(queue, handler, TestStorage.Wrap(options), TimeProvider.System, NullLogger<SignalQueueWorker>.Instance), handler, storage);
    }

    private static SignalEnvelope WakeUp(string orderId) =>
        new($"wake:{orderId}", new OrderKey("shop.myshopify.com", orderId), new WakeUp(),
            new SignalOrigin("ordersync", "wake-up", null, null, DateTimeOffset.UnixEpoch));

    private sealed class CountingHandler : IOrderSignalHandler
    {
        public int Calls { get; private set; }

        /// <summary>How many calls throw, as processing does when storage times out, before the handler succeeds.</summary>
        public int FailFirst { get; init; }

        /// <summary>How many calls answer that another worker holds the order's command (its claim lapses in a moment).</summary>
        public int BusyFirst { get; init; }

        public int Abandoned { get; private set; }

        public Task<ProcessOutcome> ProcessAsync(SignalEnvelope envelope, CancellationToken cancellationToken)
        {
            if (++Calls <= FailFirst) throw new TimeoutException("storage timed out (test)");
            if (Calls <= BusyFirst) return Task.FromResult<ProcessOutcome>(new ProcessOutcome.Busy(DateTimeOffset.UtcNow.AddMilliseconds(200)));
            return Task.FromResult<ProcessOutcome>(new ProcessOutcome.Done());
        }

        public Task AbandonAsync(SignalEnvelope envelope, string error, CancellationToken cancellationToken)
        {
            Calls++;
            Abandoned++;
            return Task.CompletedTask;
        }
    }
}
