using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Messaging;

/// <summary>The signal queue on Azure Storage Queues (Azurite locally), with a poison queue beside it.</summary>
public sealed class StorageQueueSignalQueue : ISignalQueue, IPoisonedSignals
{
    /// <summary>Storage queues cap visibility delays at 7 days; a longer wake-up arrives early and the decider re-arms it.</summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>Sends (on the webhook path: gives up fast).</summary>
    private readonly QueueClient _queue;

    /// <summary>Receives and settles the worker's messages (patient: a hold on a message that cannot be given back lasts its visibility timeout).</summary>
    private readonly QueueClient _work;

    private readonly PoisonQueue _poison;

    public StorageQueueSignalQueue(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        _queue = StorageClients.Queue(storage, storage.SignalQueue, StorageClientDefaults.ForWebhooks(ClientOptions()));
        _work = StorageClients.Queue(storage, storage.SignalQueue, StorageClientDefaults.ForWork(ClientOptions()));
        _poison = new PoisonQueue(options);
    }

    /// <summary>Azurite rejects the newest service version this SDK sends by default; the previous one has all we use.</summary>
    internal static QueueClientOptions ClientOptions() =>
        new(QueueClientOptions.ServiceVersion.V2025_11_05) { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poison.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>Sends the envelope with the trace context of the span that queues it (webhook, processing of another signal, operator request).</summary>
    public async Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var body = OrderSyncJson.Serialize(envelope.Traced());
        var visibility = delay is { } d && d > TimeSpan.Zero ? (d > LongestDelay ? LongestDelay : WholeSecondsUp(d)) : (TimeSpan?)null;
        try
        {
            var sent = (await _queue.SendMessageAsync(body, visibility, NeverExpires, cancellationToken)).Value;
            return new QueuedMessage(sent.MessageId, sent.PopReceipt);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new SignalQueueUnavailableException($"the signal queue '{_queue.Name}' did not accept the message: {e.Message}", e);
        }
    }

    /// <summary>The service takes whole seconds and the SDK truncates: rounded up instead, a delayed message is not seen before it is due.</summary>
    private static TimeSpan WholeSecondsUp(TimeSpan delay) => TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));

    public async Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        // A reader that received the message meanwhile holds a new receipt (404 here): the message is that reader's to settle.
        try { await _queue.DeleteMessageAsync(message.MessageId, message.Receipt, cancellationToken); }
        catch (RequestFailedException e) when (e.Status is 400 or 404) { }
    }

    public async Task<IReadOnlyList<ReceivedSignal>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var response = await _work.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        return response.Value.Select(m =>
        {
            var text = m.Body.ToString();
            var (envelope, error) = OrderSyncJson.TryDeserializeEnvelope(text);
            return new ReceivedSignal(m.MessageId, m.PopReceipt, m.DequeueCount, text, envelope, error);
        }).ToList();
    }

    /// <summary>A cheap call that fails when the queue cannot be reached (or does not exist); returns about how many messages wait.</summary>
    public async Task<int> ProbeAsync(CancellationToken cancellationToken) =>
        (await _queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    public Task CompleteAsync(ReceivedSignal message, CancellationToken cancellationToken) =>
        _work.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);

    /// <summary>Gives the message back to the queue, to be seen again after <paramref name="delay"/>.</summary>
    public Task ReleaseAsync(ReceivedSignal message, TimeSpan delay, CancellationToken cancellationToken) =>
        _work.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);

    /// <summary>Moves a message that keeps failing to the poison queue, with its error, so it stays visible.</summary>
    public async Task MoveToPoisonAsync(ReceivedSignal message, string error, CancellationToken cancellationToken)
    {
        await _poison.AddAsync(new PoisonedSignal(message.MessageId, message.DequeueCount, error, message.Body), cancellationToken);
        await _work.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    public Task<IReadOnlyList<PoisonedSignal>> PeekPoisonAsync(CancellationToken cancellationToken) => _poison.PeekAsync(cancellationToken);

    public Task<IReadOnlyList<PoisonedSignalSummary>> ListAsync(int max, CancellationToken cancellationToken) => _poison.ListAsync(max, cancellationToken);
}
