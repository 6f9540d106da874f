using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Tests.Integration.Orchestration.Scenarios;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>
/// A storage write can be applied and its answer lost (the call times out on a loaded machine); the SDK then retries it and
/// meets the write's own ETag change. Found by the benchmark's 4-worker drain: an order whose claim write went so looked
/// busy with its own claim and waited out the 2-minute lease before its push ran.
/// </summary>
[TestClass]
public sealed class LostStorageAnswerTests
{
    private static readonly LoseAnAnswer Losing = new();
    private static LifecycleWorld _world = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        var tables = new TableClientOptions();
        tables.AddPolicy(Losing, HttpPipelinePosition.PerRetry);
        _world = await LifecycleWorld.StartAsync(tables);
    }

    [TestCleanup]
    public void ForgetFaults() => _world.VendorApi.ClearFaults();

    [ClassCleanup]
    public static async Task StopAsync() => await _world.DisposeAsync();

    [TestMethod]
    public async Task A_claim_saved_with_its_answer_lost_is_run_at_once_not_after_its_lease()
    {
        var order = _world.NewOrder();
        // Given storage that loses the answer to the order's second write (the push's claim) after applying it
        Losing.LoseWrite(2);

        // When the order is placed
        var outcome = await Processor().ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())),
            CancellationToken.None);

        // Then its push runs at once
        Assert.IsTrue(Losing.Lost, "the claim's answer was lost and the write retried");
        Assert.IsInstanceOfType<ProcessOutcome.Done>(outcome, "the order waited for its own claim to lapse");
        Assert.AreEqual(1, _world.EffectsOn(order).Orders);
        Assert.IsTrue((await _world.Orders.LoadAsync(order, CancellationToken.None)).Record.Outbox.IsEmpty);
    }

    [TestMethod]
    public async Task An_outcome_saved_with_its_answer_lost_is_decided_once()
    {
        var order = _world.NewOrder();
        // Given a vendor failing its pushes, and storage that loses the answer to the order's third write (the push's
        // outcome) after applying it
        _world.VendorApi.FailNext("create", new HttpVendorFault.ServerError(503), times: 10);
        Losing.LoseWrite(3);

        // When the order is placed
        await Processor().ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())), CancellationToken.None);

        // Then the failed push is counted once
        Assert.IsTrue(Losing.Lost, "the outcome's answer was lost and the write retried");
        var saved = await _world.Orders.LoadAsync(order, CancellationToken.None);
        var timeline = await _world.Orders.ReadTimelineAsync(order, CancellationToken.None);
        Assert.AreEqual(1, saved.Record.State.Work.Single().Retry?.Attempts, string.Join(Environment.NewLine, timeline.Select(e => e.Summary)));
    }

    [TestMethod]
    public async Task A_claim_renewal_saved_with_its_answer_lost_keeps_renewing()
    {
        var order = _world.NewOrder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lease = TimeSpan.FromMinutes(3);
        var processor = Processor(time, lease);
        // Given a push the vendor takes seconds to answer, and storage that loses the answer to the order's third write (the
        // claim's first renewal) after applying it
        _world.VendorApi.FailNext("create", new HttpVendorFault.StallBeforeEffect(TimeSpan.FromSeconds(6)));
        Losing.LoseWrite(3);
        var placing = processor.ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())), CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(_world.VendorApi.Received.Count(r => r.Body.Contains($"\"{order}\"", StringComparison.Ordinal))),
            count => count == 1, "the push to reach the vendor");
        time.Advance(lease / 3);
        await Eventually.GetAsync(() => Task.FromResult(Losing.Lost), lost => lost, "the first renewal's answer to be lost");
        var firstRenewal = time.GetUtcNow() + lease;

        // When later renewals come due
        // Then the claim is renewed again: the lost answer was its own write, not another worker's
        var renewed = await Eventually.GetAsync(async () =>
            {
                time.Advance(lease / 3);
                return await _world.Orders.LoadAsync(order, CancellationToken.None);
            },
            saved => saved.Record.Outbox.IsEmpty || saved.Record.Outbox.Single().ClaimedUntil > firstRenewal, "the claim to be renewed again");
        Assert.IsFalse(renewed.Record.Outbox.IsEmpty, "the push ended before its claim was renewed a second time");
        await placing;
    }

    private static OrderSignalProcessor Processor(TimeProvider? time = null, TimeSpan? lease = null) => new(_world.Orders, _world.Directory,
        _world.Executor, new RecordingSignalQueue(), TestStorage.Wrap(new WorkerOptions { CommandLease = lease ?? new WorkerOptions().CommandLease }),
        time ?? TimeProvider.System, NullLogger<OrderSignalProcessor>.Instance);

    /// <summary>Sends the chosen order write (a table batch) on, then throws as a connection lost before the answer does: the SDK retries it.</summary>
    private sealed class LoseAnAnswer : HttpPipelinePolicy
    {
        private int _writesLeft;
        private int _lost;

        public bool Lost => Volatile.Read(ref _lost) == 1;

        /// <summary>Loses the answer to the <paramref name="nth"/> write from now.</summary>
        public void LoseWrite(int nth) => (_writesLeft, _lost) = (nth, 0);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var write = message.Request.Method == RequestMethod.Post && message.Request.Uri.ToUri().AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal);
            if (write && Interlocked.Decrement(ref _writesLeft) == 0)
            {
                Volatile.Write(ref _lost, 1);
                throw new IOException("the answer was lost (test)");
            }
        }
    }
}
