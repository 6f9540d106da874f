using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Execution;

/// <summary>What became of a signal: done (the message can go), or an executor elsewhere holds a command until a moment.</summary>
public abstract record ProcessOutcome
{
    public sealed record Done : ProcessOutcome;

    /// <summary>Another executor runs one of the order's commands; look again once its claim lapses.</summary>
    public sealed record Busy(DateTimeOffset Until) : ProcessOutcome;
}

/// <summary>
/// Applies one signal to its order and runs what the decider asks, safely under concurrency and crashes:
/// the decision and its commands are saved in one ETag-guarded write (the outbox) before anything runs; a command is
/// claimed before it runs, so only one executor runs it at a time; its outcome is decided and saved before it leaves
/// the outbox. A crash at any point leaves the command in the outbox, and the redelivered message finishes it.
/// </summary>
public sealed class OrderSignalProcessor(
    OrderStore orders,
    MerchantDirectory directory,
    CommandExecutor executor,
    ISignalQueue queue,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<OrderSignalProcessor> logger) : IOrderSignalHandler
{
    private const int MaxConflicts = 10;
    private readonly TimeSpan _lease = options.Value.CommandLease;

    public async Task<ProcessOutcome> ProcessAsync(SignalEnvelope envelope, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OrderKey"] = envelope.Order.ToString() });
        using var activity = OrderSyncTelemetry.StartSignalActivity(envelope);
        OrderSyncTelemetry.SignalDequeued(envelope, time.GetUtcNow());
        return await OnConflictDecideAgainAsync(envelope.Order, _ => ProcessOnceAsync(envelope, cancellationToken));
    }

    /// <summary>
    /// Records on the order that its signal was given up on (moved to the poison queue) with the error, so the order needs
    /// attention until an operator's retry. The decision is only saved: its commands wait in the outbox for the order's next
    /// signal, so a failure in running them cannot keep this from being recorded. Throws when the order cannot be written.
    /// </summary>
    public async Task AbandonAsync(SignalEnvelope envelope, string error, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["OrderKey"] = envelope.Order.ToString() });
        var abandoned = envelope.Abandoned(error);
        var settings = directory.SettingsFor(envelope.Order.Shop);
        await OnConflictReloadAsync(await orders.LoadAsync(envelope.Order, cancellationToken),
            current => DecideAndSaveAsync(current, abandoned, null, null, settings, cancellationToken), cancellationToken);
    }

    /// <summary>Runs <paramref name="decide"/> (given its attempt number, from 1) again each time another worker saved the order first.</summary>
    private async Task<T> OnConflictDecideAgainAsync<T>(OrderKey order, Func<int, Task<T>> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await decide(attempt);
            }
            catch (OrderConcurrencyException) when (attempt < MaxConflicts)
            {
                logger.LogDebug("order {OrderKey} changed under us; deciding again (attempt {Attempt})", order, attempt);
            }
        }
    }

    private async Task<ProcessOutcome> ProcessOnceAsync(SignalEnvelope envelope, CancellationToken cancellationToken)
    {
        var settings = directory.SettingsFor(envelope.Order.Shop);
        var stored = await orders.LoadAsync(envelope.Order, cancellationToken);

        if (!stored.Record.HasApplied(envelope.Id))
            stored = await DecideAndSaveAsync(stored, envelope.Signal, envelope.Origin, envelope.Id, settings, cancellationToken);

        while (true)
        {
            var now = time.GetUtcNow();
            if (stored.Record.Runnable(now) is not { Count: > 0 } runnable)
                return stored.Record.ClaimedUntil(now) is { } until ? new ProcessOutcome.Busy(until) : new ProcessOutcome.Done();

            // The order's runnable commands are independent of each other (each has its own slot): claimed in one write and
            // run side by side, so a shipment's reports to Shopify, PayPal and Stripe do not wait for one another.
            var latest = new StrongBox<StoredOrder>(await ClaimAsync(stored, runnable, now + _lease, cancellationToken));
            using var settling = new SemaphoreSlim(1, 1);
            await Task.WhenAll(runnable.Select(pending =>
                RunClaimedAsync(pending.Command, stored.Record.MayHaveRun(pending.Command.Id), latest, settling, settings, cancellationToken)));
            stored = latest.Value!;
        }
    }

    /// <summary>
    /// Claims the commands in one write. A write whose answer was lost (storage applied it, then the call timed out or its
    /// retry met the write's own ETag change) is known by its lease end, which only this worker wrote: the commands are
    /// this worker's to run. Otherwise the order would look busy with its own claim, and wait for it to lapse.
    /// </summary>
    private async Task<StoredOrder> ClaimAsync(StoredOrder stored, IReadOnlyList<PendingCommand> runnable, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var claims = runnable.Aggregate(stored.Record, (record, pending) => record.Claim(pending.Command.Id, until));
        try
        {
            return await orders.SaveAsync(stored, claims, [], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var current = await orders.LoadAsync(stored.Record.State.Key, cancellationToken);
            if (runnable.All(pending => ClaimOn(current, pending.Command.Id) == until)) return current;
            throw;
        }
    }

    /// <summary>
    /// Runs one claimed command, keeping its claim while it runs, then settles its outcome on the order as last saved
    /// (<paramref name="latest"/>), one settlement at a time (<paramref name="settling"/>).
    /// </summary>
    private async Task RunClaimedAsync(Command command, bool mayHaveRun, StrongBox<StoredOrder> latest, SemaphoreSlim settling, SyncSettings settings,
        CancellationToken cancellationToken)
    {
        var order = latest.Value!.Record.State.Key;
        logger.LogInformation("running {Command} for order {OrderKey}", command.Id, order);
        var claimed = new StrongBox<StoredOrder>(latest.Value);
        Signal outcome;
        using var renewing = new CancellationTokenSource();
        var renewal = KeepClaimAsync(command.Id, claimed, renewing.Token);
        try
        {
            using (OrderSyncTelemetry.StartActivity("ordersync.command", order)?.SetTag("ordersync.command", command.GetType().Name))
                outcome = await executor.ExecuteAsync(command, mayHaveRun, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(renewing, renewal);
            await ReleaseClaimAsync(claimed.Value!, command.Id);
            throw;
        }
        finally
        {
            await StopAsync(renewing, renewal);
        }

        await settling.WaitAsync(cancellationToken);
        try
        {
            latest.Value = await SettleAsync(latest.Value!, command.Id, outcome, settings, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The outcome could not be saved (storage timed out): the claim is given back, so the message's next delivery
            // runs the command again at once (it finds what this run made) instead of waiting for the lease to lapse.
            await ReleaseClaimAsync(claimed.Value!, command.Id);
            throw;
        }
        finally
        {
            settling.Release();
        }
    }

    /// <summary>
    /// Stopping mid-command (the host shuts down, or the outcome could not be saved): gives the claim back, so the command
    /// runs again at once rather than after the lease. That is safe whether or not the platform acted, as after a crash:
    /// the command's idempotency key finds what it made. Best effort: a claim that cannot be given back lapses with its lease.
    /// </summary>
    private async Task ReleaseClaimAsync(StoredOrder stored, string commandId)
    {
        try
        {
            await MoveOwnClaimAsync(stored, commandId, null);
            logger.LogInformation("{Command} for order {OrderKey} given back for another worker", commandId, stored.Record.State.Key);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "the claim on {Command} for order {OrderKey} could not be given back; it lapses with its lease",
                commandId, stored.Record.State.Key);
        }
    }

    /// <summary>
    /// Keeps this worker's claim on a running command a lease ahead, every third of a lease, so a call slower than the lease
    /// is not run a second time by another worker. A renewal that fails (a storage error, a run of conflicts) is tried again
    /// at the next turn, while the lease still holds. A worker that dies stops renewing, and its claim lapses as before.
    /// Stopping waits for a renewal under way, so <paramref name="claimed"/> always holds the order as this worker last saved it.
    /// </summary>
    private async Task KeepClaimAsync(string commandId, StrongBox<StoredOrder> claimed, CancellationToken stop)
    {
        var order = claimed.Value!.Record.State.Key;
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 3, time, stop);
                try
                {
                    if (await MoveOwnClaimAsync(claimed.Value!, commandId, time.GetUtcNow() + _lease) is not { } renewed) return;
                    claimed.Value = renewed;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "the claim on {Command} for order {OrderKey} could not be renewed; trying again", commandId, order);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync();
        await renewal;
    }

    /// <summary>
    /// Moves this worker's claim on a command to <paramref name="until"/> (null: gives it back) if the order still shows the
    /// claim this worker holds in <paramref name="mine"/> (the order as it last saved it); answers the order as saved, or null
    /// when the claim is no longer its own (the command was settled, or another worker took it after a lapse).
    /// </summary>
    private Task<StoredOrder?> MoveOwnClaimAsync(StoredOrder mine, string commandId, DateTimeOffset? until)
    {
        var ours = ClaimOn(mine, commandId);
        return OnConflictReloadAsync<StoredOrder?>(mine, async current =>
        {
            if (until is not null && ClaimOn(current, commandId) == until) return current; // this write, its answer lost
            if (ClaimOn(current, commandId) != ours) return null;
            var moved = until is { } at ? current.Record.Claim(commandId, at) : current.Record.Release(commandId);
            return await orders.SaveAsync(current, moved, [], CancellationToken.None);
        }, CancellationToken.None);
    }

    private static DateTimeOffset? ClaimOn(StoredOrder order, string commandId) =>
        order.Record.Outbox.FirstOrDefault(p => p.Command.Id == commandId)?.ClaimedUntil;

    /// <summary>
    /// Takes the command out of the outbox and decides on its outcome. When another worker saved the order meanwhile (it
    /// applied a signal while the command ran), the outcome is decided again on the order as it now is: it is never lost,
    /// so the command is not run a second time once its claim lapses.
    /// </summary>
    private Task<StoredOrder> SettleAsync(StoredOrder stored, string commandId, Signal outcome, SyncSettings settings, CancellationToken cancellationToken) =>
        OnConflictReloadAsync(stored, current =>
            DecideAndSaveAsync(current with { Record = current.Record.Settle(commandId) }, outcome, null, null, settings, cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="write"/> on the order as loaded, then on the order reloaded each time another worker saved it first.</summary>
    private Task<T> OnConflictReloadAsync<T>(StoredOrder stored, Func<StoredOrder, Task<T>> write, CancellationToken cancellationToken)
    {
        var key = stored.Record.State.Key;
        return OnConflictDecideAgainAsync(key, async attempt => await write(attempt == 1 ? stored : await orders.LoadAsync(key, cancellationToken)));
    }

    /// <summary>Decides on a signal and saves the decision with its commands; schedules the wake-up first, so it cannot be lost.</summary>
    private async Task<StoredOrder> DecideAndSaveAsync(
        StoredOrder stored, Signal signal, SignalOrigin? origin, string? signalId, SyncSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var step = OrderStep.Take(stored.Record, signal, origin, signalId, settings, now);
        var next = step.Record;

        // A wake-up spends the one scheduled: one that came early (another process's clock, a queue's whole-second delays)
        // finds nothing due and must schedule it again, or the retry it was for would wait for the order's next signal.
        var scheduled = signal is WakeUp ? null : stored.Record.WakeScheduledFor;
        if (step.WakeAt is { } wakeAt && wakeAt != scheduled)
        {
            await queue.EnqueueAsync(WakeUpFor(stored, wakeAt), wakeAt - now, cancellationToken);
            next = next with { WakeScheduledFor = wakeAt };
        }

        var saved = await orders.SaveAsync(stored, next, step.Timeline, cancellationToken);
        OrderSyncTelemetry.Decided(stored.Record.State, next.State, now);
        return saved;
    }

    private SignalEnvelope WakeUpFor(StoredOrder stored, DateTimeOffset wakeAt) => new(
        $"wake:{wakeAt.UtcTicks}", stored.Record.State.Key, new WakeUp(), new SignalOrigin("ordersync", "wake-up", null, wakeAt, time.GetUtcNow()));
}
