using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Messaging;

/// <summary>
/// A signal read from a webhook, before it is routed to its order. It names its order directly (<see cref="Order"/>), or
/// by <see cref="References"/> to look up in the correlation table, tried in order. <see cref="Links"/> are correlations
/// the webhook itself proves (a PaymentIntent whose metadata names the order), recorded once the signal is queued.
/// </summary>
/// <param name="Id">Stable across redeliveries of the same event: the order applies a signal id once.</param>
public sealed record InboundSignal(
    string Id,
    Signal Signal,
    SignalOrigin Origin,
    OrderKey? Order,
    IReadOnlyList<CorrelationRef> References,
    IReadOnlyList<CorrelationLink> Links)
{
    public static InboundSignal ForOrder(string id, OrderKey order, Signal signal, SignalOrigin origin) =>
        new(id, signal, origin, order, [], []);

    public static InboundSignal ByReference(string id, Signal signal, SignalOrigin origin, params CorrelationRef[] references) =>
        new(id, signal, origin, null, references, []);
}

/// <summary>A correlation a webhook proves: this reference belongs to that order.</summary>
public sealed record CorrelationLink(CorrelationRef Reference, OrderKey Order);
