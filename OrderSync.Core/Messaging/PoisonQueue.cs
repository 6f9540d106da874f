using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Messaging;

/// <summary>
/// The Storage Queue that keeps the signals given up on, each with its error, for a person to look at: the local worker
/// moves a message there after repeated failures, and an order's orchestration sets a signal there that it cannot apply
/// (its order's record could not be read or saved). Never expires; listed without bodies by the ops API.
/// </summary>
public sealed class PoisonQueue : IPoisonedSignals
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);
    private const int MaxPeek = 32;

    private readonly QueueClient _queue;

    public PoisonQueue(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        _queue = StorageClients.Queue(storage, storage.SignalQueue + "-poison", StorageClientDefaults.ForWork(StorageQueueSignalQueue.ClientOptions()));
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task AddAsync(PoisonedSignal signal, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(OrderSyncJson.Serialize(signal), null, NeverExpires, cancellationToken);

    /// <summary>A signal its order's orchestration could not apply, kept under its envelope id.</summary>
    public Task SetAsideAsync(SignalEnvelope envelope, string error, CancellationToken cancellationToken) =>
        AddAsync(new PoisonedSignal(envelope.Id, 1, error, OrderSyncJson.Serialize(envelope)), cancellationToken);

    public async Task<IReadOnlyList<PoisonedSignal>> PeekAsync(CancellationToken cancellationToken) =>
        (await PeekWithTimesAsync(MaxPeek, cancellationToken)).Select(m => m.Signal).ToList();

    /// <summary>The oldest poisoned messages (a Storage Queue peeks 32 at most), without their bodies.</summary>
    public async Task<IReadOnlyList<PoisonedSignalSummary>> ListAsync(int max, CancellationToken cancellationToken) =>
        (await PeekWithTimesAsync(max, cancellationToken))
            .Select(m => PoisonedSignalSummary.Of(m.Signal.MessageId, m.Signal.Body, m.Signal.DequeueCount, m.Signal.Error, m.InsertedOn)).ToList();

    private async Task<IReadOnlyList<(PoisonedSignal Signal, DateTimeOffset? InsertedOn)>> PeekWithTimesAsync(int max, CancellationToken cancellationToken)
    {
        var peeked = await _queue.PeekMessagesAsync(Math.Clamp(max, 1, MaxPeek), cancellationToken);
        return peeked.Value.Select(m => (OrderSyncJson.Deserialize<PoisonedSignal>(m.Body.ToString()), m.InsertedOn)).ToList();
    }
}

/// <summary>A message given up on after repeated failures: kept with its error for a person to look at.</summary>
public sealed record PoisonedSignal(string MessageId, long DequeueCount, string Error, string Body);
