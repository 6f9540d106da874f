using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>
/// One decision being made: the state as it changes, the commands issued and the notes written. It lives only inside one
/// call of <see cref="OrderLifecycle.Decide"/>, so the decider stays a pure function of its inputs.
/// </summary>
internal sealed class Deciding(OrderState state, SyncSettings settings, DateTimeOffset now)
{
    private readonly List<Command> _commands = [];
    private readonly List<string> _notes = [];

    public OrderState State { get; set; } = state;
    public SyncSettings Settings { get; } = settings;
    public DateTimeOffset Now { get; } = now;

    public void Note(string note) => _notes.Add(note);

    public void Update(SubOrder sub) => State = State.With(sub);

    /// <summary>
    /// Records something a person must settle, once: the same reason under the same key, even acknowledged, is not raised
    /// again. False when it was raised before.
    /// </summary>
    public bool Raise(string key, string reason)
    {
        if (State.Attention.Any(a => a.Key == key && a.Reason == reason)) return false;
        State = State with { Attention = State.Attention.Add(new Attention(key, reason, Now)) };
        Note($"needs attention: {reason}");
        return true;
    }

    /// <summary>
    /// Issues the command for a slot unless the slot is busy: a command in flight, a failure that needs a person, or a retry not due yet.
    /// A due retry carries its attempts forward, so the retry budget counts from the first failure.
    /// </summary>
    public bool Issue(string slot, Func<Command> make)
    {
        var work = State.WorkFor(slot);
        if (work is { Status: WorkStatus.InFlight or WorkStatus.Failed }) return false;
        if (work is { Status: WorkStatus.WaitingToRetry, Retry.NextAttemptAt: { } next } && next > Now) return false;
        if (!Settings.EnableOrderSync)
        {
            // Nothing is sent while sync is off; a waiting retry is dropped (it would wake the order in a loop) and the
            // rule that wanted it asks again on the order's next signal.
            if (work is not null) State = State.WithoutWork(slot);
            return false;
        }

        var command = make();
        State = State.WithWork(new Work(slot, command, WorkStatus.InFlight, work?.Retry is { } retry ? retry with { NextAttemptAt = null } : null));
        _commands.Add(command);
        return true;
    }

    public Decision ToDecision() => Decision.Of(State, _commands, _notes);
}
