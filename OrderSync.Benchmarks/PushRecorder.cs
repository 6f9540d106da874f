using System.Collections.Concurrent;
using System.Diagnostics;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>When each merchant order's vendor order came to exist at the vendor store (the store's OrderCreated), by order id.</summary>
public sealed class PushRecorder : IDisposable
{
    private readonly SimulatedShopifyStore _vendor;
    private readonly ConcurrentDictionary<string, (long At, string VendorOrderId)> _firstPush = new();
    private int _duplicates;

    public PushRecorder(SimulatedShopifyStore vendor)
    {
        _vendor = vendor;
        _vendor.OrderCreated += Record;
    }

    /// <summary>Vendor orders created for a merchant order that already had one.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of the order's first vendor order, if it has one.</summary>
    public bool TryGetPushedAt(string merchantOrderId, out long at)
    {
        var pushed = _firstPush.TryGetValue(merchantOrderId, out var first);
        at = first.At;
        return pushed;
    }

    /// <summary>The id of the order's first vendor order, or null before it is pushed.</summary>
    public string? VendorOrderOf(string merchantOrderId) => _firstPush.TryGetValue(merchantOrderId, out var first) ? first.VendorOrderId : null;

    /// <summary>Waits until every one of <paramref name="merchantOrderIds"/> is pushed, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAsync(IReadOnlyCollection<string> merchantOrderIds, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!merchantOrderIds.All(_firstPush.ContainsKey) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(20);
    }

    private void Record(SimulatedOrder vendorOrder)
    {
        var now = Stopwatch.GetTimestamp();
        if (BenchmarkOrders.MerchantOrderId(vendorOrder) is { } id && !_firstPush.TryAdd(id, (now, vendorOrder.Id)))
            Interlocked.Increment(ref _duplicates);
    }

    public void Dispose() => _vendor.OrderCreated -= Record;
}
