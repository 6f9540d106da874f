using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Shopify;

/// <summary>An order the simulated store holds, with the input it was created from.</summary>
public sealed record SimulatedOrder(string Id, string Name, IReadOnlyList<string> Tags, JsonObject Input, DateTimeOffset CreatedAt);

/// <summary>A GraphQL request the simulated store received: the operation's root field and its variables.</summary>
public sealed record ReceivedOperation(string Field, JsonObject Variables, DateTimeOffset At);

/// <summary>One simulated Shopify store: its orders, what it received, its cost bucket, and the faults queued for it.</summary>
public sealed partial class SimulatedShopifyStore(string domain, string accessToken, TimeProvider time,
    double maximumAvailable = SimulatedShopifyStore.DefaultMaximumAvailable, double restoreRate = SimulatedShopifyStore.DefaultRestoreRate)
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedOrder> _orders = [];
    private readonly ConcurrentQueue<ReceivedOperation> _received = new();
    private readonly List<QueuedFault> _faults = [];
    private double _available = maximumAvailable;
    private DateTimeOffset _lastRestore = time.GetUtcNow();

    public const double DefaultMaximumAvailable = 2000;
    public const double DefaultRestoreRate = 100;

    /// <summary>The cost bucket's size (points), reported as throttleStatus.maximumAvailable.</summary>
    public double MaximumAvailable { get; } = maximumAvailable;

    /// <summary>Points restored per second, reported as throttleStatus.restoreRate.</summary>
    public double RestoreRate { get; } = restoreRate;

    /// <summary>Points the store has charged, in all.</summary>
    public double SpentPoints { get { lock (_gate) return _spent; } }

    private double _spent;

    /// <summary>How many requests were answered THROTTLED.</summary>
    public int ThrottledCount => _throttled;

    private int _throttled;

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    public string Domain { get; } = domain;
    public string AccessToken { get; } = accessToken;

    public IReadOnlyList<SimulatedOrder> Orders { get { lock (_gate) return [.. _orders]; } }

    public IReadOnlyList<ReceivedOperation> Received => [.. _received];

    /// <summary>
    /// Queues <paramref name="fault"/> for the next <paramref name="times"/> requests whose root field is <paramref name="field"/> ("*" for any),
    /// once <paramref name="after"/> such requests have been answered normally (e.g. the second page of a list fails).
    /// </summary>
    public void FailNext(string field, ShopifyFault fault, int times = 1, int after = 0)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _faults.Add(new QueuedFault(field, fault) { Skip = i == 0 ? after : 0 });
    }

    /// <summary>Drops the faults queued and not yet played: the platform is well again.</summary>
    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>Now, by the store's clock.</summary>    /// <summary>Now, by the store's clock.</summary>
    internal DateTimeOffset Now() => time.GetUtcNow();

    internal void Record(string field, JsonObject variables) => _received.Enqueue(new ReceivedOperation(field, variables, time.GetUtcNow()));

    internal ShopifyFault? TakeFault(string field)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Field == "*" || f.Field == field);
            if (index < 0) return null;
            if (_faults[index].Skip > 0)
            {
                _faults[index].Skip--;
                return null;
            }
            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    /// <summary>Spends <paramref name="cost"/> points from the leaky bucket; false (and nothing spent) when it holds too few.</summary>
    internal bool TrySpend(double cost, out double available)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _available = Math.Min(MaximumAvailable, _available + (now - _lastRestore).TotalSeconds * RestoreRate);
            _lastRestore = now;
            var spent = _available >= cost;
            if (spent)
            {
                _available -= cost;
                _spent += cost;
            }
            available = _available;
            return spent;
        }
    }

    /// <summary>Raised once an orderCreate has stored its order (before it is answered), outside the store's lock.</summary>
    public event Action<SimulatedOrder>? OrderCreated;

    internal SimulatedOrder CreateOrder(JsonObject input)
    {
        SimulatedOrder order;
        lock (_gate)
        {
            var number = _orders.Count + 1;
            var tags = input["tags"] is JsonArray t ? t.Select(x => x!.GetValue<string>()).ToList() : [];
            order = new SimulatedOrder($"gid://shopify/Order/{5_000_000_000L + number}", $"#{1000 + number}", tags, input, time.GetUtcNow());
            _orders.Add(order);
        }
        OrderCreated?.Invoke(order);
        return order;
    }

    internal IReadOnlyList<SimulatedOrder> FindByTag(string tag)
    {
        lock (_gate) return [.. _orders.Where(o => o.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))];
    }
}

/// <summary>A fault waiting for its request, after <see cref="Skip"/> requests answered normally.</summary>
internal sealed record QueuedFault(string Field, ShopifyFault Fault)
{
    public int Skip { get; set; }
}
