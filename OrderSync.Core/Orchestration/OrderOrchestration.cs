using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Orchestration;

/// <summary>
/// The control flow of one order's durable orchestration (instance id = the order key): wait for the next signal or the
/// decider's wake-up, decide, save, run the outbox's commands one by one and decide on each outcome. Deterministic:
/// time comes from the runtime, and everything else from the runtime's recorded actions. No awaits but the runtime's.
/// </summary>
public static class OrderOrchestration
{
    /// <summary>The external event that carries a signal (its envelope as OrderSync JSON) to the orchestration.</summary>
    public const string SignalEvent = "signal";

    /// <summary>Signals handled before the orchestration continues as new, which keeps its history (and replays) short.</summary>
    public const int SignalsPerGeneration = 25;

    /// <summary>
    /// After a generation's signals, how long no signal must come before the orchestration continues as new. A signal the
    /// engine delivers in the same batch just after the continue-as-new is dropped by the Durable Task worker (it re-sends
    /// only the events it buffered before: durabletask-dotnet #387), so the generation ends only in a lull, not mid-burst.
    /// </summary>
    public static readonly TimeSpan LullBeforeNewGeneration = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an order with nothing left to do waits for a late signal before its orchestration completes. A signal
    /// after that starts a new orchestration from the saved state, so nothing is lost either way; the wait only spares
    /// the common late webhook (a second Shopify update, a PayPal event) a cold start.
    /// </summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromDays(3);

    /// <summary>
    /// How long the merchant's settings, once read, serve the order's next signals without another read (an activity on the
    /// durable engine): a burst of signals, or a generation's first signal raised just after it started, reads them once.
    /// </summary>
    public static readonly TimeSpan SettingsFreshFor = TimeSpan.FromSeconds(10);

    public static string InstanceId(Orders.OrderKey order) => order.ToString();

    /// <summary>
    /// How long an orchestration whose order's record could not be read or saved waits, when no signal comes, before it
    /// reads the record again (a storage outage ends; a damaged record is mended by hand) and resumes its pending commands.
    /// </summary>
    public static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The loop. The orchestration never fails on a step that keeps failing, as a failed orchestration would lose the
    /// order's later signals: the order is then held as unread (null), each signal that comes is set aside with the error
    /// until the record can be read again, and a command whose outcome could not be saved is still pending in the saved
    /// record, to be run again (commands are safe to repeat).
    /// </summary>
    public static async Task RunAsync(IOrderRuntime runtime, OrderRun run)
    {
        var (stored, failure) = await TryAsync(() => runtime.LoadAsync(run.Order));
        var settings = await runtime.ReadSettingsAsync(run.Order.Shop);
        var settingsReadAt = runtime.Now;
        if (stored is not null) stored = await RunOutboxAsync(runtime, stored, settings);

        var next = run.First;
        for (var handled = 0; ;)
        {
            var full = handled >= SignalsPerGeneration;
            var until = stored is null ? runtime.Now + RereadAfter : WaitUntil(stored.Record.State, runtime.Now);
            var envelope = next ?? await runtime.NextSignalAsync(full ? Earliest(until, runtime.Now + LullBeforeNewGeneration) : until);
            next = null;
            if (stored is null)
            {
                if (envelope is null && full) break;
                (stored, failure) = await TryAsync(() => runtime.LoadAsync(run.Order));
                if (stored is null)
                {
                    handled++; // a reread counts as a signal, so a long outage's timers do not grow the history without end
                    if (envelope is not null) await runtime.SetAsideAsync(envelope, failure!);
                    continue;
                }
                if (envelope is null)
                {
                    stored = await RunOutboxAsync(runtime, stored, settings);
                    continue;
                }
            }
            var current = stored;
            if (envelope is null)
            {
                if (full) break; // a wake-up due now is the next generation's first
                if (current.Record.State.NextWakeAt() is null) return;
                (stored, _) = await TryAsync(() => StepAsync(runtime, current, new WakeUp(), null, null, settings));
            }
            else
            {
                handled++;
                if (current.Record.HasApplied(envelope.Id)) continue;
                if (runtime.Now - settingsReadAt > SettingsFreshFor)
                {
                    settings = await runtime.ReadSettingsAsync(run.Order.Shop);
                    settingsReadAt = runtime.Now;
                }
                (stored, failure) = await TryAsync(() => SaveAsync(runtime, current, TakeOrSetAside(current, envelope, settings, runtime.Now)));
                if (stored is null) await runtime.SetAsideAsync(envelope, failure!);
            }
            if (stored is not null) stored = await RunOutboxAsync(runtime, stored, settings);
        }
        runtime.ContinueAsNew(new OrderRun(run.Order));
    }

    /// <summary>A read or save that failed past the runtime's retries: no order in hand, and why.</summary>
    private static async Task<(StoredOrder? Order, string? Failure)> TryAsync(Func<Task<StoredOrder>> step)
    {
        try
        {
            return (await step(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message);
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } at && at < b ? at : b;

    /// <summary>The decider's wake-up; for an order with nothing left to do and no wake-up, the end of the quiet period.</summary>
    private static DateTimeOffset? WaitUntil(OrderState state, DateTimeOffset now) =>
        state.NextWakeAt() ?? (OrderStatus.IsTerminal(state) ? now + QuietPeriod : null);

    /// <summary>Runs the pending commands; null when an outcome could not be saved (the command stays pending in the record).</summary>
    private static async Task<StoredOrder?> RunOutboxAsync(IOrderRuntime runtime, StoredOrder stored, SyncSettings settings)
    {
        while (stored.Record.Outbox.FirstOrDefault() is { } pending)
        {
            Signal outcome;
            try
            {
                outcome = await runtime.ExecuteAsync(new CommandRequest(stored.Record.State.Key, pending.Command));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = new CommandFailed(pending.Command.Id, FailureKind.Transient, $"the command could not be run: {e.Message}", null);
            }
            var settled = stored with { Record = stored.Record.Settle(pending.Command.Id) };
            if ((await TryAsync(() => StepAsync(runtime, settled, outcome, null, null, settings))).Order is not { } saved) return null;
            stored = saved;
        }
        return stored;
    }

    /// <summary>
    /// A signal the decider throws on is set aside on the order (attention, with the error), as the local shell does with
    /// a message that keeps failing, rather than failing the orchestration and with it the order's later signals.
    /// Deciding is pure, so a replay throws the same way and takes the same branch.
    /// </summary>
    private static OrderStep TakeOrSetAside(StoredOrder stored, SignalEnvelope envelope, SyncSettings settings, DateTimeOffset now)
    {
        try
        {
            return OrderStep.Take(stored.Record, envelope.Signal, envelope.Origin, envelope.Id, settings, now);
        }
        catch (Exception e)
        {
            var abandoned = envelope.Abandoned($"{e.GetType().Name}: {e.Message}");
            return OrderStep.Take(stored.Record, abandoned, null, null, settings, now);
        }
    }

    private static Task<StoredOrder> StepAsync(
        IOrderRuntime runtime, StoredOrder stored, Signal signal, SignalOrigin? origin, string? signalId, SyncSettings settings) =>
        SaveAsync(runtime, stored, OrderStep.Take(stored.Record, signal, origin, signalId, settings, runtime.Now));

    private static async Task<StoredOrder> SaveAsync(IOrderRuntime runtime, StoredOrder stored, OrderStep step)
    {
        var etag = await runtime.SaveAsync(new OrderSave(stored.ETag, step.Record, [.. step.Timeline]));
        return new StoredOrder(step.Record, etag);
    }
}
