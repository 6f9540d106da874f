using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Storage;

namespace OrderSync.Tests.Support;

/// <summary>
/// The durable runtime as a test drives it: orders saved through <see cref="OrderCheckpoints"/> on Azurite, signals
/// from a list the test fills, commands answered by a script, timers that fire by moving the clock to them. When the
/// orchestration would wait with nothing to come, the run ends as <see cref="RunEnd.Idle"/>.
/// </summary>
public sealed class ScriptedOrderRuntime(OrderCheckpoints checkpoints, SyncSettings settings, DateTimeOffset start) : IOrderRuntime
{
    private readonly Queue<(SignalEnvelope Envelope, TimeSpan After)> _signals = new();

    public DateTimeOffset Now { get; private set; } = start;

    public Func<Command, Signal> Answer { get; set; } = command => throw new AssertFailedException($"no answer scripted for {command.Id}");

    public List<Command> Executed { get; } = [];

    /// <summary>Asked before each read and save of the order: an exception to fail it with (storage down, a damaged record), or null.</summary>
    public Func<Exception?> StorageFault { get; set; } = () => null;

    /// <summary>The id of the signal handed to the orchestration last.</summary>
    public string? LastDelivered { get; private set; }

    public List<DateTimeOffset?> Waits { get; } = [];

    public int Saves { get; private set; }

    public int SettingsReads { get; private set; }

    public OrderRun? ContinuedAs { get; private set; }

    public ScriptedOrderRuntime Deliver(params SignalEnvelope[] envelopes)
    {
        foreach (var envelope in envelopes) _signals.Enqueue((envelope, TimeSpan.Zero));
        return this;
    }

    /// <summary>A signal that comes <paramref name="after"/> the one before it (the clock moves on when it is taken).</summary>
    public ScriptedOrderRuntime DeliverLater(TimeSpan after, SignalEnvelope envelope)
    {
        _signals.Enqueue((envelope, after));
        return this;
    }

    public async Task<RunEnd> RunAsync(OrderRun run)
    {
        try
        {
            await OrderOrchestration.RunAsync(this, run);
            return ContinuedAs is null ? RunEnd.Completed : RunEnd.ContinuedAsNew;
        }
        catch (NothingToCome)
        {
            return RunEnd.Idle;
        }
    }

    public Task<StoredOrder> LoadAsync(OrderKey order) =>
        StorageFault() is { } fault ? Task.FromException<StoredOrder>(fault) : checkpoints.LoadAsync(order, CancellationToken.None);

    public Task<SyncSettings> ReadSettingsAsync(string shop)
    {
        SettingsReads++;
        return Task.FromResult(settings);
    }

    public Task<Signal> ExecuteAsync(CommandRequest request)
    {
        Executed.Add(request.Command);
        return Task.FromResult(Answer(request.Command));
    }

    public async Task<string?> SaveAsync(OrderSave save)
    {
        Saves++;
        if (StorageFault() is { } fault) throw fault;
        return await checkpoints.SaveAsync(save, CancellationToken.None);
    }

    public List<SignalSetAside> SetAside { get; } = [];

    public Task SetAsideAsync(SignalEnvelope envelope, string error)
    {
        SetAside.Add(new SignalSetAside(envelope, error));
        return Task.CompletedTask;
    }

    public Task<SignalEnvelope?> NextSignalAsync(DateTimeOffset? until)
    {
        Waits.Add(until);
        if (_signals.TryDequeue(out var next))
        {
            Now += next.After;
            LastDelivered = next.Envelope.Id;
            return Task.FromResult<SignalEnvelope?>(next.Envelope);
        }
        if (until is not { } at) throw new NothingToCome();
        if (at > Now) Now = at;
        return Task.FromResult<SignalEnvelope?>(null);
    }

    public void ContinueAsNew(OrderRun next) => ContinuedAs = next;

    private sealed class NothingToCome : Exception;
}

public enum RunEnd
{
    /// <summary>Waiting for a signal, with no timer: the orchestration stays running.</summary>
    Idle,
    Completed,
    ContinuedAsNew,
}
