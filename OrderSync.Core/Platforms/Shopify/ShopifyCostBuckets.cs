using System.Collections.Concurrent;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>The cost bucket of every store OrderSync calls, and the last requested cost of every operation (one per process).</summary>
public sealed class ShopifyCostBuckets
{
    private readonly ConcurrentDictionary<string, ShopifyCostBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, double> _costs = new(StringComparer.Ordinal);

    /// <summary>What an operation is assumed to cost before a response has said what it requests (an assumption, corrected by the first response).</summary>
    public double DefaultCost { get; init; } = 10;

    public ShopifyCostBucket For(ShopifyStore store) => _buckets.GetOrAdd(store.Domain, _ => new ShopifyCostBucket());

    /// <summary>The cost last requested for this operation text, or <see cref="DefaultCost"/>.</summary>
    public double EstimatedCost(string query) => _costs.TryGetValue(query, out var cost) ? cost : DefaultCost;

    public void RecordCost(string query, double requestedQueryCost) => _costs[query] = requestedQueryCost;
}
