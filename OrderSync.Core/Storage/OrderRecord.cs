using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Storage;

/// <summary>
/// What is saved for an order in one write: its state, the outbox of commands decided but not yet settled,
/// the ids of the signals already applied (so a redelivered signal is applied once), and the wake-up already scheduled.
/// </summary>
public sealed record OrderRecord(
    OrderState State,
    ImmutableArray<PendingCommand> Outbox,
    ImmutableArray<string> AppliedSignals,
    int TimelineLength,
    DateTimeOffset? WakeScheduledFor)
{
    private const int SignalMemory = 200;
    private const int ClaimMemory = 200;

    /// <summary>
    /// The ids of the commands ever claimed for this order, most recent last. A command claimed before may have reached its
    /// platform without its outcome being saved (the executor crashed, stopped, or its call timed out and failed).
    /// </summary>
    public ImmutableArray<string> ClaimedCommands { get; init; } = [];

    /// <summary>Whether the command may have run before: a create then looks first for what an earlier run made.</summary>
    public bool MayHaveRun(string commandId) => ClaimedCommands.Contains(commandId);

    public static OrderRecord New(OrderKey key) => new(OrderState.Empty(key), [], [], 0, null);

    public bool HasApplied(string signalId) => AppliedSignals.Contains(signalId);

    /// <summary>Takes the decision's state and queues its commands in the outbox; remembers the signal id when it has one.</summary>
    public OrderRecord Apply(Decision decision, string? signalId) => this with
    {
        State = decision.State,
        Outbox = Outbox.AddRange(decision.Commands
            .Where(c => Outbox.All(p => p.Command.Id != c.Id))
            .Select(c => new PendingCommand(c, null))),
        AppliedSignals = signalId is null ? AppliedSignals : [.. AppliedSignals.Append(signalId).TakeLast(SignalMemory)],
    };

    /// <summary>The commands nobody is executing: never claimed, or their claim has lapsed.</summary>
    public IReadOnlyList<PendingCommand> Runnable(DateTimeOffset now) =>
        [.. Outbox.Where(p => p.ClaimedUntil is null || p.ClaimedUntil <= now)];

    /// <summary>When the earliest live claim of another executor lapses, if any.</summary>
    public DateTimeOffset? ClaimedUntil(DateTimeOffset now) =>
        Outbox.Where(p => p.ClaimedUntil > now).Select(p => p.ClaimedUntil).Min();

    public OrderRecord Claim(string commandId, DateTimeOffset until) => WithClaim(commandId, until) with
    {
        ClaimedCommands = ClaimedCommands.Contains(commandId) ? ClaimedCommands : [.. ClaimedCommands.Append(commandId).TakeLast(ClaimMemory)],
    };

    /// <summary>Gives a claim back before it lapses (an executor shutting down mid-command): any executor may run it now.</summary>
    public OrderRecord Release(string commandId) => WithClaim(commandId, null);

    private OrderRecord WithClaim(string commandId, DateTimeOffset? until) =>
        this with { Outbox = [.. Outbox.Select(p => p.Command.Id == commandId ? p with { ClaimedUntil = until } : p)] };

    public OrderRecord Settle(string commandId) =>
        this with { Outbox = [.. Outbox.Where(p => p.Command.Id != commandId)] };
}

/// <summary>A command in the outbox; <see cref="ClaimedUntil"/> is set while an executor runs it.</summary>
public sealed record PendingCommand(Command Command, DateTimeOffset? ClaimedUntil);

/// <summary>
/// A record as loaded, with the version it was loaded at (null when it does not exist yet) and since when the order has
/// been in its current status.
/// </summary>
public sealed record StoredOrder(OrderRecord Record, string? ETag, DateTimeOffset? StatusSince = null);

/// <summary>What the ops API shows of an order.</summary>
public sealed record OrderView(OrderKey Key, string Status, OrderState State, ImmutableArray<PendingCommand> Outbox, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Someone else saved the order since it was loaded: reload and decide again.</summary>
public sealed class OrderConcurrencyException(OrderKey key, Exception inner)
    : Exception($"order {key} was changed by another worker", inner);

/// <summary>One line of an operator's list: which order, its status, and why it is there.</summary>
public sealed record OrderSummary(OrderKey Key, string? OrderName, string Status, IReadOnlyList<string> Reasons, DateTimeOffset? SavedAt);

/// <summary>One order's status and since when it has been in it (see <see cref="OrderStore.ReadStatusesAsync"/>).</summary>
public sealed record OrderStatusRow(string Status, DateTimeOffset? Since);
