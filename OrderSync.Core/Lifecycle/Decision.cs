using System.Collections.Immutable;

namespace OrderSync.Core.Lifecycle;

/// <summary>What the decider concluded: the new state, the commands to run, when to wake it, and notes for the timeline.</summary>
public sealed record Decision(OrderState State, ImmutableArray<Command> Commands, DateTimeOffset? WakeAt, ImmutableArray<string> Notes)
{
    public static Decision Of(OrderState state, IEnumerable<Command> commands, IEnumerable<string> notes) =>
        new(state, [.. commands], state.NextWakeAt(), [.. notes]);

    public static Decision Unchanged(OrderState state, string note) => Of(state, [], [note]);
}
