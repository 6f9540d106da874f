using System.Collections.Concurrent;

namespace OrderSync.Sandbox.Stripe;

/// <summary>A PaymentIntent's shipping as Stripe holds it (the "shipping" hash: name, phone, carrier, tracking_number, address).</summary>
public sealed record SimulatedShipping(
    string Name, string? Phone, string? Carrier, string? TrackingNumber,
    string? Line1, string? Line2, string? City, string? State, string? PostalCode, string? Country);

/// <summary>A seeded PaymentIntent; <see cref="Updates"/> counts the updates that took effect (not replays).</summary>
public sealed record SimulatedPaymentIntent(string Id, long Amount, string Currency, string Status, SimulatedShipping? Shipping, int Updates)
{
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>A request the simulated account received, after authentication: form parameters as sent, and whether it was a replay.</summary>
public sealed record ReceivedStripeRequest(
    string Method, string Path, string? IdempotencyKey, string? StripeVersion,
    IReadOnlyDictionary<string, string> Form, int Status, bool Replayed, DateTimeOffset At);

/// <summary>One simulated Stripe account, reached with its API key: its PaymentIntents, what it received, saved idempotent results, queued faults.</summary>
public sealed class SimulatedStripeAccount(string apiKey, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedPaymentIntent> _paymentIntents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SavedResult> _idempotency = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedStripeRequest> _received = new();
    private readonly List<(string Method, StripeFault Fault)> _faults = [];

    internal sealed record SavedResult(string Fingerprint, int Status, string Body);

    public string ApiKey { get; } = apiKey;

    public IReadOnlyList<ReceivedStripeRequest> Received => [.. _received];

    public SimulatedPaymentIntent AddPaymentIntent(string id, long amount = 2500, string currency = "eur", string status = "succeeded", SimulatedShipping? shipping = null)
    {
        lock (_gate) return _paymentIntents[id] = new SimulatedPaymentIntent(id, amount, currency, status, shipping, 0);
    }

    public SimulatedPaymentIntent PaymentIntent(string id)
    {
        lock (_gate) return _paymentIntents[id];
    }

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="times"/> requests with <paramref name="method"/> (GET, POST, or "*").</summary>
    public void FailNext(string method, StripeFault fault, int times = 1)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _faults.Add((method, fault));
    }

    /// <summary>Drops the faults queued and not yet played: the platform is well again.</summary>
    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>Drops every saved idempotent result, as Stripe does with keys older than 24 hours.</summary>
    public void PruneIdempotencyKeys()
    {
        lock (_gate) _idempotency.Clear();
    }

    internal void Record(ReceivedStripeRequest request) => _received.Enqueue(request);

    internal DateTimeOffset Now => time.GetUtcNow();

    internal StripeFault? TakeFault(string method)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Method == "*" || string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return null;
            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    internal SavedResult? Saved(string key)
    {
        lock (_gate) return _idempotency.GetValueOrDefault(key);
    }

    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    /// <summary>Marks a request with <paramref name="key"/> as executing; false when another one with that key still is.</summary>
    internal bool TryBegin(string key)
    {
        lock (_gate) return _inProgress.Add(key);
    }

    /// <summary>Whether a request with <paramref name="key"/> is executing right now.</summary>
    public bool IsInProgress(string key)
    {
        lock (_gate) return _inProgress.Contains(key);
    }

    internal void End(string key)
    {
        lock (_gate) _inProgress.Remove(key);
    }

    internal void Save(string key, SavedResult result)
    {
        lock (_gate) _idempotency.TryAdd(key, result);
    }

    internal SimulatedPaymentIntent? Find(string id)
    {
        lock (_gate) return _paymentIntents.GetValueOrDefault(id);
    }

    internal SimulatedPaymentIntent Update(string id, Func<SimulatedPaymentIntent, SimulatedPaymentIntent> change)
    {
        lock (_gate) return _paymentIntents[id] = change(_paymentIntents[id]) with { Updates = _paymentIntents[id].Updates + 1 };
    }

    /// <summary>Runs <paramref name="action"/> under the account's lock (an idempotent request: check, act, save at once).</summary>
    internal T Locked<T>(Func<T> action)
    {
        lock (_gate) return action();
    }
}
