using Azure.Data.Tables;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Storage;
using OrderSync.Tests.Support;
using static OrderSync.Tests.Support.LifecycleFixtures;
using static OrderSync.Tests.Support.OrderBuilder;

namespace OrderSync.Tests.Integration.Orchestration;

/// <summary>
/// The Azure shell's orchestration loop (OrderOrchestration, which the durable orchestrator only adapts), driven by a
/// scripted durable runtime over Azurite: what it decides, saves, runs and waits for.
/// </summary>
[TestClass]
public sealed class OrderOrchestrationTests
{
    private OrderStore _orders = null!;
    private OrderCheckpoints _checkpoints = null!;

    [TestInitialize]
    public async Task CreateStoreAsync()
    {
        var options = await TestStorage.IsolatedAsync();
        _orders = new OrderStore(new TableServiceClient(options.ConnectionString), TestStorage.Wrap(options));
        await _orders.EnsureCreatedAsync(CancellationToken.None);
        _checkpoints = new OrderCheckpoints(_orders, TimeProvider.System);
    }

    [TestMethod]
    public async Task A_new_order_is_decided_saved_and_pushed_to_each_vendor_then_the_orchestration_waits_for_its_next_signal()
    {
        var runtime = Runtime().Deliver(Envelope("create", Placed(MugAndTee())));

        var end = await runtime.RunAsync(new OrderRun(Key));

        Assert.AreEqual(RunEnd.Idle, end);
        CollectionAssert.AreEquivalent(new[] { PushToA, PushToB }, runtime.Executed.Select(c => c.Id).ToArray());
        var saved = await _orders.LoadAsync(Key, CancellationToken.None);
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved.Record.State));
        Assert.IsEmpty(saved.Record.Outbox, "every command is settled");
        Assert.AreEqual(3, runtime.Saves, "one save for the signal and one for each outcome");
        var timeline = await _orders.ReadTimelineAsync(Key, CancellationToken.None);
        Assert.AreEqual(saved.Record.TimelineLength, timeline.Count);
    }

    [TestMethod]
    public async Task The_signal_that_starts_the_orchestration_is_handled_before_any_other()
    {
        var runtime = Runtime().Deliver(Envelope("update", Updated(MugAndTee().WithNote("leave at the door").UpdatedMinutesLater(5))));

        await runtime.RunAsync(new OrderRun(Key, Envelope("create", Placed(MugAndTee()))));

        var saved = await _orders.LoadAsync(Key, CancellationToken.None);
        Assert.AreEqual("leave at the door", saved.Record.State.Order!.Note);
        Assert.AreEqual(2, runtime.Executed.Count(c => c is PushOrderToVendor));
    }

    [TestMethod]
    public async Task A_signal_delivered_twice_is_applied_once()
    {
        var create = Envelope("create", Placed(MugAndTee()));
        var runtime = Runtime().Deliver(create, create);

        await runtime.RunAsync(new OrderRun(Key));

        Assert.HasCount(2, runtime.Executed);
        Assert.AreEqual(3, runtime.Saves);
    }

    [TestMethod]
    public async Task A_command_whose_activity_fails_for_good_is_tried_again_at_the_deciders_wake_up()
    {
        var runtime = Runtime().Deliver(Envelope("create", Placed(MugAndTee())));
        var failedOnce = false;
        runtime.Answer = command =>
        {
            if (command.Id == PushToA && !failedOnce)
            {
                failedOnce = true;
                throw new InvalidOperationException("activity 'ExecuteCommand' failed: socket closed");
            }
            return CreatedFor(command);
        };

        var end = await runtime.RunAsync(new OrderRun(Key));

        Assert.AreEqual(RunEnd.Idle, end);
        Assert.AreEqual(2, runtime.Executed.Count(c => c.Id == PushToA), "pushed again after the failure");
        Assert.IsTrue(runtime.Waits.Any(w => w is not null), "the retry waited for a durable timer");
        var saved = await _orders.LoadAsync(Key, CancellationToken.None);
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved.Record.State));
        var timeline = await _orders.ReadTimelineAsync(Key, CancellationToken.None);
        Assert.IsTrue(timeline.Any(e => e.Error?.Contains("socket closed") == true), "the failure is in the timeline with its reason");
    }

    [TestMethod]
    public async Task After_enough_signals_it_continues_as_new_and_the_next_generation_resumes_from_the_saved_state()
    {
        var create = Envelope("create", Placed(MugAndTee()));
        var updates = Enumerable.Range(1, OrderOrchestration.SignalsPerGeneration - 1)
            .Select(i => Envelope($"update-{i}", Updated(MugAndTee().UpdatedMinutesLater(i))));
        var first = Runtime().Deliver([create, .. updates]);

        var end = await first.RunAsync(new OrderRun(Key));

        Assert.AreEqual(RunEnd.ContinuedAsNew, end);
        Assert.AreEqual(new OrderRun(Key), first.ContinuedAs, "the next generation carries no signal and no state: it reads the table");
        var second = Runtime().Deliver(create);
        Assert.AreEqual(RunEnd.Idle, await second.RunAsync(first.ContinuedAs!));
        Assert.IsEmpty(second.Executed, "a redelivered signal of the earlier generation is remembered as applied");
        Assert.AreEqual(0, second.Saves);
    }

    [TestMethod]
    public async Task Signals_still_coming_when_a_generation_is_full_are_handled_in_it_and_it_continues_as_new_after_a_lull()
    {
        var create = Envelope("create", Placed(MugAndTee()));
        var updates = Enumerable.Range(1, OrderOrchestration.SignalsPerGeneration + 1)
            .Select(i => Envelope($"update-{i}", Updated(MugAndTee().UpdatedMinutesLater(i))));
        var runtime = Runtime().Deliver([create, .. updates]);

        var end = await runtime.RunAsync(new OrderRun(Key));

        Assert.AreEqual(RunEnd.ContinuedAsNew, end);
        var saved = await _orders.LoadAsync(Key, CancellationToken.None);
        Assert.IsTrue(saved.Record.HasApplied($"update-{OrderOrchestration.SignalsPerGeneration + 1}"), "the signals past the quota were handled, not left to a continue-as-new");
        Assert.AreEqual(LifecycleSpec.Start + OrderOrchestration.LullBeforeNewGeneration, runtime.Waits.Last(), "it continued as new once no signal came for the lull");
    }

    [TestMethod]
    public async Task Commands_left_in_the_outbox_by_an_interrupted_run_are_run_first_by_the_next_one()
    {
        var interrupted = Runtime().Deliver(Envelope("create", Placed(MugAndTee())));
        interrupted.Answer = _ => throw new OperationCanceledException("the host stopped");
        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => interrupted.RunAsync(new OrderRun(Key)));
        Assert.HasCount(2, (await _orders.LoadAsync(Key, CancellationToken.None)).Record.Outbox);

        var resumed = Runtime();
        await resumed.RunAsync(new OrderRun(Key));

        CollectionAssert.AreEquivalent(new[] { PushToA, PushToB }, resumed.Executed.Select(c => c.Id).ToArray());
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of((await _orders.LoadAsync(Key, CancellationToken.None)).Record.State));
    }

    [TestMethod]
    public async Task A_signal_the_decider_throws_on_is_set_aside_on_the_order_with_its_error_and_later_signals_still_count()
    {
        var runtime = Runtime().Deliver(
            Envelope("create", Placed(MugAndTee())),
            Envelope("broken", new OrderUpdated(MugAndTee().UpdatedMinutesLater(5).Build() with { Lines = default })),
            Envelope("note", Updated(MugAndTee().WithNote("ring twice").UpdatedMinutesLater(10))));
        runtime.Answer = command => command is UpdateVendorOrder ? new CommandSucceeded(command.Id, null) : CreatedFor(command);
        // An order whose lines are missing (as when read from JSON without them) is one the decider cannot take: it throws.

        Assert.AreEqual(RunEnd.Idle, await runtime.RunAsync(new OrderRun(Key)));

        var saved = (await _orders.LoadAsync(Key, CancellationToken.None)).Record.State;
        Assert.AreEqual(OrderStatus.Attention, OrderStatus.Of(saved), string.Join(" | ", OrderStatus.Reasons(saved)));
        StringAssert.Contains(OrderStatus.Reasons(saved).Single(), "broken");
        Assert.AreEqual("ring twice", saved.Order!.Note, "the orchestration went on with the next signal");
        Assert.AreEqual(2, runtime.Executed.OfType<UpdateVendorOrder>().Count(), "and sent the new note to both vendors");
    }

    [TestMethod]
    public async Task A_signal_whose_order_cannot_be_read_or_saved_is_set_aside_with_the_error_and_the_next_one_is_applied_once_it_can()
    {
        var runtime = Runtime().Deliver(
            Envelope("create", Placed(MugAndTee())),
            Envelope("during-outage", Updated(MugAndTee().WithNote("lost?").UpdatedMinutesLater(5))),
            Envelope("after-outage", Updated(MugAndTee().WithNote("ring twice").UpdatedMinutesLater(10))));
        runtime.Answer = command => command is UpdateVendorOrder ? new CommandSucceeded(command.Id, null) : CreatedFor(command);
        runtime.StorageFault = () => runtime.LastDelivered == "during-outage" ? new InvalidOperationException("SaveOrder failed: JsonException: not a record") : null;

        Assert.AreEqual(RunEnd.Idle, await runtime.RunAsync(new OrderRun(Key)), "the orchestration did not fail");

        var setAside = runtime.SetAside.Single();
        Assert.AreEqual("during-outage", setAside.Envelope.Id);
        StringAssert.Contains(setAside.Error, "JsonException: not a record");
        var saved = (await _orders.LoadAsync(Key, CancellationToken.None)).Record.State;
        Assert.AreEqual("ring twice", saved.Order!.Note, "the order was read again for the next signal");
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved));
    }

    [TestMethod]
    public async Task An_order_unreadable_when_its_orchestration_starts_is_read_again_later_and_its_pending_commands_run()
    {
        var interrupted = Runtime().Deliver(Envelope("create", Placed(MugAndTee())));
        interrupted.Answer = _ => throw new OperationCanceledException("the host stopped");
        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => interrupted.RunAsync(new OrderRun(Key)));
        var resumed = Runtime();
        resumed.StorageFault = () => resumed.Waits.Count == 0 ? new InvalidOperationException("LoadOrder failed: RequestFailedException: storage down") : null;

        Assert.AreEqual(RunEnd.Idle, await resumed.RunAsync(new OrderRun(Key)));

        Assert.AreEqual(LifecycleSpec.Start + OrderOrchestration.RereadAfter, resumed.Waits[0], "it waited, then read the order again");
        CollectionAssert.AreEquivalent(new[] { PushToA, PushToB }, resumed.Executed.Select(c => c.Id).ToArray());
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of((await _orders.LoadAsync(Key, CancellationToken.None)).Record.State));
        Assert.IsEmpty(resumed.SetAside);
    }

    [TestMethod]
    public async Task A_command_whose_outcome_could_not_be_saved_stays_pending_and_runs_again_once_the_order_is_read_again()
    {
        var runtime = Runtime().Deliver(Envelope("create", Placed(MugAndTee())));
        var failed = false;
        runtime.StorageFault = () =>
        {
            if (failed || runtime.Executed.Count != 1) return null;
            failed = true;
            return new InvalidOperationException("SaveOrder failed: RequestFailedException: storage down");
        };

        Assert.AreEqual(RunEnd.Idle, await runtime.RunAsync(new OrderRun(Key)));

        var first = runtime.Executed[0].Id;
        Assert.AreEqual(2, runtime.Executed.Count(c => c.Id == first), "the command whose outcome was lost ran again");
        CollectionAssert.Contains(runtime.Waits, LifecycleSpec.Start + OrderOrchestration.RereadAfter, "it waited, then read the order again");
        var saved = await _orders.LoadAsync(Key, CancellationToken.None);
        Assert.AreEqual(OrderStatus.Pushed, OrderStatus.Of(saved.Record.State));
        Assert.IsEmpty(saved.Record.Outbox);
    }

    [TestMethod]
    public async Task Settings_read_at_the_start_serve_the_signals_of_a_burst_and_a_later_signal_reads_them_again()
    {
        var runtime = Runtime()
            .Deliver(Envelope("create", Placed(MugAndTee())), Envelope("note", Updated(MugAndTee().WithNote("a").UpdatedMinutesLater(1))))
            .DeliverLater(OrderOrchestration.SettingsFreshFor + TimeSpan.FromSeconds(1), Envelope("later", Updated(MugAndTee().WithNote("b").UpdatedMinutesLater(2))));
        runtime.Answer = command => command is UpdateVendorOrder ? new CommandSucceeded(command.Id, null) : CreatedFor(command);

        await runtime.RunAsync(new OrderRun(Key));

        Assert.AreEqual(2, runtime.SettingsReads, "one read for the start and its burst, one for the later signal");
        Assert.AreEqual("b", (await _orders.LoadAsync(Key, CancellationToken.None)).Record.State.Order!.Note);
    }

    [TestMethod]
    public async Task An_order_with_nothing_left_to_do_waits_out_the_quiet_period_then_completes()
    {
        var runtime = Runtime().Deliver(Envelope("create", Placed(MugAndTee().CancelledAt(LifecycleSpec.Start))));

        var end = await runtime.RunAsync(new OrderRun(Key));

        Assert.AreEqual(RunEnd.Completed, end);
        Assert.IsEmpty(runtime.Executed);
        Assert.AreEqual(LifecycleSpec.Start + OrderOrchestration.QuietPeriod, runtime.Waits.Last());
    }

    [TestMethod]
    public async Task A_signal_within_the_quiet_period_is_still_handled()
    {
        var cancelled = MugAndTee().CancelledAt(LifecycleSpec.Start);
        var runtime = Runtime().Deliver(
            Envelope("create", Placed(cancelled)),
            Envelope("update", Updated(cancelled.WithNote("refunded").UpdatedMinutesLater(5))));

        Assert.AreEqual(RunEnd.Completed, await runtime.RunAsync(new OrderRun(Key)));

        Assert.AreEqual("refunded", (await _orders.LoadAsync(Key, CancellationToken.None)).Record.State.Order!.Note);
    }

    [TestMethod]
    public async Task A_save_repeated_after_it_succeeded_finds_its_own_write_and_adds_no_timeline_twice()
    {
        var saved = await SavedCancelledOrderAsync();
        var decided = NoteAdded(saved, "n");
        var save = new OrderSave(saved.ETag, decided.Record, [.. decided.Timeline]);

        var first = await _checkpoints.SaveAsync(save, CancellationToken.None);
        var repeated = await _checkpoints.SaveAsync(save, CancellationToken.None);

        Assert.AreEqual(first, repeated);
        Assert.AreEqual(decided.Record.TimelineLength, (await _orders.ReadTimelineAsync(Key, CancellationToken.None)).Count);
    }

    [TestMethod]
    public async Task A_save_over_a_version_something_else_wrote_is_refused()
    {
        var saved = await SavedCancelledOrderAsync();
        var mine = NoteAdded(saved, "mine");
        var theirs = NoteAdded(saved, "theirs");
        await _checkpoints.SaveAsync(new OrderSave(saved.ETag, theirs.Record, [.. theirs.Timeline]), CancellationToken.None);

        await Assert.ThrowsExactlyAsync<OrderConcurrencyException>(() =>
            _checkpoints.SaveAsync(new OrderSave(saved.ETag, mine.Record, [.. mine.Timeline]), CancellationToken.None));
    }

    private async Task<StoredOrder> SavedCancelledOrderAsync()
    {
        await Runtime().Deliver(Envelope("create", Placed(MugAndTee().CancelledAt(LifecycleSpec.Start)))).RunAsync(new OrderRun(Key));
        return await _orders.LoadAsync(Key, CancellationToken.None);
    }

    private static OrderStep NoteAdded(StoredOrder saved, string note) =>
        OrderStep.Take(saved.Record, Updated(MugAndTee().WithNote(note).UpdatedMinutesLater(9)), null, note, TwoVendors().Build(), LifecycleSpec.Start);

    private ScriptedOrderRuntime Runtime() =>
        new(_checkpoints, TwoVendors().Build(), LifecycleSpec.Start) { Answer = CreatedFor };

    private static Signal CreatedFor(Command command) => command is PushOrderToVendor push
        ? Created(push.VendorId)
        : throw new AssertFailedException($"unexpected command {command.Id}");

    private static SignalEnvelope Envelope(string id, Signal signal) =>
        new(id, Key, signal, new SignalOrigin("shopify", "orders/updated", id, LifecycleSpec.Start, LifecycleSpec.Start));
}
