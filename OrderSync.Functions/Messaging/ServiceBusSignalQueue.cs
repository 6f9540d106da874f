using Azure.Messaging.ServiceBus;
using OrderSync.Core.Messaging;
using OrderSync.Core.Serialization;

namespace OrderSync.Functions.Messaging;

/// <summary>
/// The signal queue on Service Bus: MessageId is the signal's de-duplication key (the queue's duplicate detection drops
/// a second send within its window), SessionId the order key (so one order's signals are handled one at a time, in order).
/// </summary>
public sealed class ServiceBusSignalQueue(ServiceBusSender sender, TimeProvider time) : ISignalQueue
{
    public async Task<QueuedMessage?> EnqueueAsync(SignalEnvelope envelope, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var message = new ServiceBusMessage(OrderSyncJson.Serialize(envelope.Traced()))
        {
            MessageId = QueueMessageIds.For(envelope),
            SessionId = envelope.Order.ToString(),
            ContentType = "application/json",
            Subject = envelope.Signal.GetType().Name,
        };
        if (delay is { } wait && wait > TimeSpan.Zero) message.ScheduledEnqueueTime = time.GetUtcNow() + wait;
        try
        {
            await sender.SendMessageAsync(message, cancellationToken);
            return null;
        }
        catch (ServiceBusException e)
        {
            throw new SignalQueueUnavailableException($"the Service Bus queue '{sender.EntityPath}' did not accept the message: {e.Message}", e);
        }
    }

    /// <summary>Never handed a message: the queue's duplicate detection already dropped a redelivery's second send.</summary>
    public Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
