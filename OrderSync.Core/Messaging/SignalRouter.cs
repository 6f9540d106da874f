using Microsoft.Extensions.Logging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Messaging;

/// <summary>
/// Sends an inbound signal to its order's queue, finding the order through the correlation table when the platform
/// names only a payment or a vendor order; a signal no order is known for is parked, never dropped, and released to
/// the queue as soon as one of its references is linked to an order.
/// </summary>
public sealed class SignalRouter(CorrelationStore correlations, UnmatchedSignals unmatched, ISignalQueue queue, ILogger<SignalRouter> logger)
{
    public async Task<RoutedSignal> RouteAsync(InboundSignal signal, CancellationToken cancellationToken)
    {
        var order = signal.Order ?? await ResolveAsync(signal.References, cancellationToken);
        QueuedMessage? message = null;
        if (order is null)
        {
            if (signal.References.Count == 0) throw new ArgumentException($"signal {signal.Id} names neither an order nor a reference");
            var reason = $"no order is known yet for {string.Join(" or ", signal.References)}";
            await unmatched.ParkAsync(signal, reason, cancellationToken);
            logger.LogWarning("signal {SignalId} parked: {Reason}", signal.Id, reason);
        }
        else
        {
            message = await queue.EnqueueAsync(new SignalEnvelope(signal.Id, order, signal.Signal, signal.Origin), cancellationToken: cancellationToken);
        }

        foreach (var link in signal.Links) await LinkAsync(link, cancellationToken);
        return new RoutedSignal(order, message);
    }

    /// <summary>Takes back a message <see cref="RouteAsync"/> queued, for a delivery that proved to be a redelivery.</summary>
    public Task WithdrawAsync(QueuedMessage message, CancellationToken cancellationToken) => queue.WithdrawAsync(message, cancellationToken);

    /// <summary>Records that a reference belongs to an order, and releases what was parked under it.</summary>
    public async Task LinkAsync(CorrelationLink link, CancellationToken cancellationToken)
    {
        await correlations.SaveAsync(link.Reference, link.Order, cancellationToken);
        foreach (var parked in await unmatched.FindAsync(link.Reference, cancellationToken))
        {
            var signal = parked.Signal;
            await queue.EnqueueAsync(new SignalEnvelope(signal.Id, link.Order, signal.Signal, signal.Origin), cancellationToken: cancellationToken);
            await unmatched.RemoveAsync(signal, cancellationToken);
            logger.LogInformation("parked signal {SignalId} released to order {OrderKey} by {Reference}", signal.Id, link.Order, link.Reference);
        }
    }

    private async Task<OrderKey?> ResolveAsync(IReadOnlyList<CorrelationRef> references, CancellationToken cancellationToken)
    {
        foreach (var reference in references)
            if (await correlations.FindAsync(reference, cancellationToken) is { } order)
                return order;
        return null;
    }
}

/// <param name="Order">The order the signal was queued for, or null when it was parked.</param>
/// <param name="Message">The queued message, when the queue hands one back (see <see cref="ISignalQueue.WithdrawAsync"/>).</param>
public sealed record RoutedSignal(OrderKey? Order, QueuedMessage? Message);
