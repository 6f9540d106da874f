using Azure.Core;
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
/// busy with its own claim and waited out the 2-minute lease before its push ran. Or a write fails on every try: a command
/// whose outcome could not be saved gives its claim back, for the message's next delivery to run it at once.
/// </summary>
[TestClass]
public sealed class LostStorageAnswerTests
{
    private static readonly StorageWriteFaults Storage = StorageWriteFaults.OnBatches();
    private static LifecycleWorld _world = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        var tables = new TableClientOptions();
        tables.AddPolicy(Storage, HttpPipelinePosition.PerRetry);
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
        Storage.LoseWrite(2);

        // When the order is placed
        var outcome = await Processor().ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())),
            CancellationToken.None);

        // Then its push runs at once
        Assert.IsTrue(Storage.Lost, "the claim's answer was lost and the write retried");
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
        Storage.LoseWrite(3);

        // When the order is placed
        await Processor().ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())), CancellationToken.None);

        // Then the failed push is counted once
        Assert.IsTrue(Storage.Lost, "the outcome's answer was lost and the write retried");
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
        Storage.LoseWrite(3);
        var placing = processor.ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())), CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(_world.VendorApi.Received.Count(r => r.Body.Contains($"\"{order}\"", StringComparison.Ordinal))),
            count => count == 1, "the push to reach the vendor");
        time.Advance(lease / 3);
        await Eventually.GetAsync(() => Task.FromResult(Storage.Lost), lost => lost, "the first renewal's answer to be lost");
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

    [TestMethod]
    public async Task A_command_whose_outcome_cannot_be_saved_gives_its_claim_back()
    {
        var order = _world.NewOrder();
        // Given storage that fails the order's third write (the push's outcome) on every try
        Storage.FailWrite(3, tries: 1 + new TableClientOptions().Retry.MaxRetries);

        // When the order is placed
        var placing = Processor().ProcessAsync(LifecycleWorld.Envelope(order, "placed", new OrderPlaced(LifecycleWorld.Mugs(order).Build())), CancellationToken.None);

        // Then the signal fails, the push having reached the vendor, and the push's claim is given back for the next delivery
        await Assert.ThrowsAsync<Exception>(() => placing);
        Assert.AreEqual(1, _world.EffectsOn(order).Orders);
        var saved = await _world.Orders.LoadAsync(order, CancellationToken.None);
        Assert.IsNull(saved.Record.Outbox.Single().ClaimedUntil, "the claim is held until its lease lapses");
    }

    private static OrderSignalProcessor Processor(TimeProvider? time = null, TimeSpan? lease = null) => new(_world.Orders, _world.Directory,
        _world.Executor, new RecordingSignalQueue(), TestStorage.Wrap(new WorkerOptions { CommandLease = lease ?? new WorkerOptions().CommandLease }),
        time ?? TimeProvider.System, NullLogger<OrderSignalProcessor>.Instance);
}
