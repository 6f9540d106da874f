using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;

namespace OrderSync.Functions.Messaging;

/// <summary>
/// The signals set aside in the Azure shell, for the ops API: those Service Bus dead-lettered (after the queue's max
/// delivery count, or unreadable), peeked, never received, so they stay where they are; then those an order's
/// orchestration set aside in the poison queue (it had already taken them off Service Bus, which cannot dead-letter a
/// settled message). The dead-letter sub-queue has no sessions, so a plain receiver reads it.
/// </summary>
public sealed class ServiceBusDeadLetters(ServiceBusClient client, IOptions<ServiceBusOptions> options, PoisonQueue setAside) : IPoisonedSignals
{
    public async Task<IReadOnlyList<PoisonedSignalSummary>> ListAsync(int max, CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(options.Value.QueueName, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var messages = await receiver.PeekMessagesAsync(max, cancellationToken: cancellationToken);
        IReadOnlyList<PoisonedSignalSummary> deadLettered = [.. messages.Select(m => PoisonedSignalSummary.Of(
            m.MessageId, m.Body.ToString(), m.DeliveryCount, $"{m.DeadLetterReason}: {m.DeadLetterErrorDescription}", m.EnqueuedTime))];
        return deadLettered.Count < max ? [.. deadLettered, .. await setAside.ListAsync(max - deadLettered.Count, cancellationToken)] : deadLettered;
    }
}
