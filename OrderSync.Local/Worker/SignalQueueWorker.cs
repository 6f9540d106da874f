using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;

namespace OrderSync.Local.Worker;

/// <summary>
/// Pumps the signal queue into the order runtime (Core's outbox processor, or the orchestrations on the durable engine).
/// A message is deleted only when its order has settled it (or its orchestration has it);
/// one that cannot be read, or keeps failing, goes to the poison queue with its error: never silently dropped, and its order
/// (when it names one) shows that it needs attention.
/// It takes messages while it has fewer than <see cref="WorkerOptions.MaxInHand"/> in hand, so one slow order (a slow vendor,
/// an orchestration starting) does not hold up the next batch. One order's messages are handled one at a time, in the order
/// taken (<see cref="OrderLanes"/>), different orders' side by side. On shutdown, messages in hand are given back at once.
/// </summary>
public sealed class SignalQueueWorker(
    StorageQueueSignalQueue queue,
    IOrderSignalHandler handler,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<SignalQueueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinIdleDelay = TimeSpan.FromMilliseconds(50);
    private readonly WorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("the signal worker is disabled (OrderSync:Worker:Enabled): this process only queues signals");
            return;
        }
        var lanes = new OrderLanes();
        using var room = new SemaphoreSlim(_options.MaxInHand);
        var idle = MinIdleDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await room.WaitAsync(stoppingToken);
                var taken = 1;
                while (taken < _options.BatchSize && room.Wait(0)) taken++;
                IReadOnlyList<ReceivedSignal> batch = [];
                try
                {
                    batch = await ReceiveAsync(taken, stoppingToken);
                }
                finally
                {
                    if (taken > batch.Count) room.Release(taken - batch.Count);
                }
                if (batch.Count == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxIdleDelay.Ticks));
                    continue;
                }
                idle = MinIdleDelay;
                foreach (var message in batch) _ = lanes.Enqueue(message, m => HandleThenFreeAsync(m, room, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        for (var slot = 0; slot < _options.MaxInHand; slot++) await room.WaitAsync(CancellationToken.None); // every message in hand settled or given back
    }

    private async Task<IReadOnlyList<ReceivedSignal>> ReceiveAsync(int max, CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ReceiveAsync(max, _options.VisibilityTimeout, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "could not read the signal queue; trying again");
            return [];
        }
    }

    private async Task HandleThenFreeAsync(ReceivedSignal message, SemaphoreSlim room, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(message, stoppingToken);
        }
        finally
        {
            room.Release();
        }
    }

    private async Task HandleAsync(ReceivedSignal message, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None);
            return;
        }
        if (message.Envelope is null)
        {
            await PoisonAsync(message, message.ReadError ?? "unreadable message");
            return;
        }
        if (message.DequeueCount > _options.MaxDeliveries)
        {
            await PoisonAsync(message, $"not settled after {_options.MaxDeliveries} deliveries");
            return;
        }

        try
        {
            switch (await handler.ProcessAsync(message.Envelope, stoppingToken))
            {
                case ProcessOutcome.Done:
                    await queue.CompleteAsync(message, CancellationToken.None);
                    break;
                case ProcessOutcome.Busy busy:
                    // Waiting for another worker's command is not a failed delivery: the signal goes back as a new message, so
                    // such waits (many, while workers are killed and their claims lapse) do not count towards the poison queue.
                    await queue.EnqueueAsync(message.Envelope, Max(busy.Until - time.GetUtcNow(), TimeSpan.FromSeconds(1)), CancellationToken.None);
                    await queue.CompleteAsync(message, CancellationToken.None);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await queue.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None);
            logger.LogInformation("stopping: signal {SignalId} for order {OrderKey} given back to the queue", message.Envelope.Id, message.Envelope.Order);
        }
        catch (Exception e)
        {
            logger.LogError(e, "signal {SignalId} for order {OrderKey} failed (delivery {Delivery} of {Max}); it will be retried",
                message.Envelope.Id, message.Envelope.Order, message.DequeueCount, _options.MaxDeliveries);
            if (message.DequeueCount >= _options.MaxDeliveries) await PoisonAsync(message, $"{e.GetType().Name}: {e.Message}");
            else await RetryLaterAsync(message);
        }
    }

    /// <summary>
    /// Gives a failed message back to be seen again after 1, 2, 4 … s (at most 30 s), rather than after the whole visibility
    /// timeout (a storage call that timed out under load should not hold an order for minutes). Best effort: a message that
    /// cannot be given back (storage unreachable) is seen again when its visibility timeout ends.
    /// </summary>
    private async Task RetryLaterAsync(ReceivedSignal message)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Max(0, (int)message.DequeueCount - 1))));
        try
        {
            await queue.ReleaseAsync(message, delay, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "signal {SignalId} could not be given back; it is seen again after the visibility timeout", message.Envelope?.Id);
        }
    }

    /// <summary>
    /// Moves the message to the poison queue first (so it is kept whatever comes next), then records on its order, when it
    /// names one, that the order needs attention. If that write fails too, the poison queue still holds the message.
    /// </summary>
    private async Task PoisonAsync(ReceivedSignal message, string error)
    {
        logger.LogError("message {MessageId} moved to the poison queue: {Error}", message.MessageId, error);
        try
        {
            await queue.MoveToPoisonAsync(message, error, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "message {MessageId} could not be moved to the poison queue; it stays in the queue", message.MessageId);
            return;
        }
        if (message.Envelope is not { } envelope) return;
        try
        {
            await handler.AbandonAsync(envelope, error, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "order {OrderKey} could not be marked as needing attention for poisoned signal {SignalId}; the poison queue holds it",
                envelope.Order, envelope.Id);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
