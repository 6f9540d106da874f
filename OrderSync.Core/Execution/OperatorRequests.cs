using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;

namespace OrderSync.Core.Execution;

/// <summary>What an operator can ask of an order through the ops API; each request travels as a signal, like everything else.</summary>
public sealed class OperatorRequests(OrderStore orders, ISignalQueue queue, TimeProvider time)
{
    /// <summary>Queues a retry of the order's failed work (acknowledging what needed attention); false when OrderSync does not know the order.</summary>
    /// <param name="operatorName">Who asks, for the timeline; "ops-api" when not given.</param>
    public Task<bool> RetryAsync(OrderKey key, string? operatorName, CancellationToken cancellationToken) =>
        RequestAsync(key, "retry", name => new OperatorRetry(name), operatorName, cancellationToken);

    /// <summary>Queues a re-evaluation under the current settings (a new product mapping, sync switched back on); false when OrderSync does not know the order.</summary>
    public Task<bool> ReevaluateAsync(OrderKey key, string? operatorName, CancellationToken cancellationToken) =>
        RequestAsync(key, "reevaluate", name => new OperatorReevaluate(name), operatorName, cancellationToken);

    private async Task<bool> RequestAsync(OrderKey key, string topic, Func<string, Signal> signal, string? operatorName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(operatorName)) operatorName = "ops-api";
        if ((await orders.LoadAsync(key, cancellationToken)).ETag is null) return false;
        var now = time.GetUtcNow();
        var request = new SignalEnvelope($"operator:{Guid.NewGuid():N}", key, signal(operatorName),
            new SignalOrigin("operator", topic, null, now, now));
        await queue.EnqueueAsync(request, cancellationToken: cancellationToken);
        return true;
    }
}
