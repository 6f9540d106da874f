using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;

namespace OrderSync.Core.Messaging;

/// <summary>
/// The signals set aside because they kept failing or their order could not be read (the poison queue, Service Bus's dead-letter queue), for
/// an operator's list. The list never carries a message's body: a signal can hold a buyer's name, address, email and phone.
/// </summary>
public interface IPoisonedSignals
{
    /// <summary>The oldest set-aside signals, at most <paramref name="max"/> (a queue may show fewer: Storage Queues peek 32 at most).</summary>
    Task<IReadOnlyList<PoisonedSignalSummary>> ListAsync(int max, CancellationToken cancellationToken);
}

/// <summary>One set-aside signal: which message, its order and kind when it could be read, how often it was delivered, the last error.</summary>
/// <param name="SignalId">The envelope's id (null when unreadable); an order that shows it needs attention names the same id.</param>
/// <param name="Kind">The signal's type (orderPlaced…), null when unreadable.</param>
public sealed record PoisonedSignalSummary(
    string MessageId, string? SignalId, OrderKey? Order, string? Kind, long Deliveries, string Error, DateTimeOffset? PoisonedAt)
{
    /// <summary>What an operator may see of a set-aside message: its body is read for the ids and dropped.</summary>
    public static PoisonedSignalSummary Of(string messageId, string body, long deliveries, string error, DateTimeOffset? poisonedAt)
    {
        var envelope = OrderSyncJson.TryDeserializeEnvelope(body).Envelope;
        return new PoisonedSignalSummary(messageId, envelope?.Id, envelope?.Order, envelope?.Signal.GetType().Name, deliveries, error, poisonedAt);
    }
}
