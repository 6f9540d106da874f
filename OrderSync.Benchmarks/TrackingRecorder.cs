using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>
/// When each order's shipment had reached all three places it is reported to: a Shopify fulfillment on the merchant's order,
/// a PayPal tracker on its capture, and its tracking number on its Stripe PaymentIntent. Read from the simulators every 20 ms.
/// </summary>
public sealed class TrackingRecorder(MerchantSide merchant)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly ConcurrentDictionary<string, long> _trackedAt = new();

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of the tick that first saw all three, if one did.</summary>
    public bool TryGetTrackedAt(MerchantOrder order, out long at) => _trackedAt.TryGetValue(order.OrderId, out at);

    /// <summary>Watches until every one of <paramref name="orders"/> is reported everywhere, or <paramref name="stop"/> is cancelled.</summary>
    public async Task WatchAsync(IReadOnlyCollection<MerchantOrder> orders, CancellationToken stop)
    {
        var pending = orders.ToList();
        while (pending.Count > 0 && !stop.IsCancellationRequested)
        {
            var trackers = merchant.PayPal.CurrentBatchTrackers.Select(t => t.TransactionId).ToHashSet(StringComparer.Ordinal);
            var now = Stopwatch.GetTimestamp();
            pending.RemoveAll(order => Reported(order, trackers) && _trackedAt.TryAdd(order.OrderId, now));
            try { await Task.Delay(Tick, stop); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>Reports made more than once: second fulfillments, second PayPal trackers, second Stripe updates of one order.</summary>
    public int Doubled(IEnumerable<MerchantOrder> orders)
    {
        var trackers = merchant.PayPal.CurrentBatchTrackers.GroupBy(t => t.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        return orders.Sum(order =>
            Math.Max(0, merchant.Store.FulfillmentsOf(order.Order.Id).Count - 1)
            + Math.Max(0, trackers.GetValueOrDefault(order.CaptureId) - 1)
            + Math.Max(0, merchant.StripeAccount.PaymentIntent(order.PaymentIntent).Updates - 1));
    }

    private bool Reported(MerchantOrder order, HashSet<string> trackers) =>
        merchant.Store.FulfillmentsOf(order.Order.Id).Count > 0
        && trackers.Contains(order.CaptureId)
        && merchant.StripeAccount.PaymentIntent(order.PaymentIntent).Shipping?.TrackingNumber == order.TrackingNumber;
}
