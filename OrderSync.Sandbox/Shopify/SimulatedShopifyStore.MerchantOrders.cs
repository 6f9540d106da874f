namespace OrderSync.Sandbox.Shopify;

/// <summary>The merchant side of a simulated store: orders seeded by tests, fulfilled through fulfillmentCreate.</summary>
public sealed partial class SimulatedShopifyStore
{
    private readonly Dictionary<string, SimulatedMerchantOrder> _merchantOrders = new(StringComparer.Ordinal);
    private long _nextId = 1;

    /// <summary>
    /// Seeds a merchant order (Shopify creates fulfillment orders itself when an order is placed): line i goes to fulfillment
    /// order i mod <paramref name="fulfillmentOrders"/>, each fulfillment order line holding the line's whole quantity.
    /// Fulfillment order i is assigned to location i mod <paramref name="locations"/> (by default each to its own location).
    /// </summary>
    public SimulatedMerchantOrder SeedMerchantOrder(string name, IEnumerable<SeedLine> lines, IEnumerable<SeedTransaction>? transactions = null,
        int fulfillmentOrders = 1, int? locations = null)
    {
        lock (_gate)
        {
            var order = new SimulatedMerchantOrder($"gid://shopify/Order/{6_000_000_000L + NextId()}", name, Now());
            var foLines = Enumerable.Range(0, fulfillmentOrders).Select(_ => new List<SimulatedFulfillmentOrderLine>()).ToList();
            foreach (var (line, i) in lines.Select((l, i) => (l, i)))
            {
                var item = new SimulatedLineItem($"gid://shopify/LineItem/{NextId()}", line.Sku, line.Title, line.Quantity,
                    $"gid://shopify/ProductVariant/{NextId()}", line.Price);
                order.LineItems.Add(item);
                foLines[i % fulfillmentOrders].Add(new SimulatedFulfillmentOrderLine($"gid://shopify/FulfillmentOrderLineItem/{NextId()}", item.Id, line.Quantity));
            }
            order.FulfillmentOrders.AddRange(foLines.Select((l, i) => new SimulatedFulfillmentOrder(
                $"gid://shopify/FulfillmentOrder/{NextId()}", LocationId(i % (locations ?? fulfillmentOrders)), l)));
            foreach (var t in transactions ?? [])
                order.Transactions.Add(new SimulatedTransaction($"gid://shopify/OrderTransaction/{NextId()}", t.Gateway, t.Kind, t.Status, t.AuthorizationCode, t.ReceiptJson));
            _merchantOrders[order.Id] = order;
            return order;
        }
    }

    /// <summary>Changes a merchant order as the merchant (or a late payment) would, moving its updatedAt to now (at least a second on: Shopify's times are whole seconds).</summary>
    public void ChangeMerchantOrder(string orderId, Action<SimulatedMerchantOrder> change)
    {
        lock (_gate)
        {
            var order = _merchantOrders[orderId];
            change(order);
            var now = Now();
            order.UpdatedAt = now > order.UpdatedAt.AddSeconds(1) ? now : order.UpdatedAt.AddSeconds(1);
        }
    }

    /// <summary>The id of the store's location number <paramref name="index"/> (0-based) that seeded fulfillment orders are assigned to.</summary>
    public static string LocationId(int index) => $"gid://shopify/Location/{7_000_000_001L + index}";

    /// <summary>The fulfillments the store holds for an order, as a copy.</summary>
    public IReadOnlyList<SimulatedFulfillment> FulfillmentsOf(string orderId)
    {
        lock (_gate) return [.. _merchantOrders[orderId].Fulfillments];
    }

    /// <summary>Runs <paramref name="read"/> on the store's state under its lock (the simulator's operations use this).</summary>
    internal T WithMerchantOrders<T>(Func<IReadOnlyDictionary<string, SimulatedMerchantOrder>, T> read)
    {
        lock (_gate) return read(_merchantOrders);
    }

    /// <summary>A new id; call only inside <see cref="WithMerchantOrders{T}"/>.</summary>
    internal long NextId() => 9_000_000_000L + _nextId++;
}
