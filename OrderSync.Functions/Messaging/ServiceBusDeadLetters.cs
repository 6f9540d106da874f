using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;

namespace OrderSync.Functions.Messaging;

/// <summary>
/// The signals Service Bus dead-lettered (after the queue's max delivery count, or unreadable), for the ops API: peeked,
/// never received, so they stay where they are. The dead-letter sub-queue has no sessions, so a plain receiver reads it.
/// </summary>
public sealed class ServiceBusDeadLetters(ServiceBusClient client, IOptions<ServiceBusOptions> options) : IPoisonedSignals
{
    public async Task<IReadOnlyList<PoisonedSignalSummary>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(options.Value.QueueName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var messages = await receiver.PeekMessagesAsync(max, cancellationToken: cancellationToken);
        return [.. messages.Select(m => PoisonedSignalSummary.Of(
            m.MessageId, m.Body.ToString(), m.DeliveryCount, $"{m.DeadLetterReason}: {m.DeadLetterErrorDescription}", m.EnqueuedTime))];
    }
}
