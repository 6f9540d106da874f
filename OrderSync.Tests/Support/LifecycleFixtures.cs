using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using OrderSync.Core.Serialization;
using static OrderSync.Tests.Support.OrderBuilder;
using static OrderSync.Tests.Support.SyncSettingsBuilder;

namespace OrderSync.Tests.Support;

/// <summary>
/// The shared world of the lifecycle specifications (Core/Lifecycle): two vendors, a mug-and-tee order, the signals that
/// move it and the assertions on decisions. Imported with <c>using static</c>.
/// </summary>
public static class LifecycleFixtures
{
    public const string VendorA = "vendor-a";
    public const string VendorB = "vendor-b";

    public static readonly OrderKey Key = AnOrder().Build().Key;
    public static readonly string PushToA = IdempotencyKeys.Push(Key, VendorA);
    public static readonly string PushToB = IdempotencyKeys.Push(Key, VendorB);

    /// <summary>Short, explicit backoff: 10 s, 20 s, 40 s… up to 5 min, for 1 h.</summary>
    public static readonly RetryPolicy ShortRetry = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    /// <summary>MUG → vendor-a as A-MUG; TEE and CAP → vendor-b as B-TEE, B-CAP.</summary>
    public static SyncSettingsBuilder TwoVendors() =>
        ASettings().Mapping("MUG", VendorA, "A-MUG").Mapping("TEE", VendorB, "B-TEE").Mapping("CAP", VendorB, "B-CAP").WithRetry(ShortRetry);

    /// <summary>Line 1: 2 × MUG (vendor-a); line 2: 1 × TEE (vendor-b). Paid.</summary>
    public static OrderBuilder MugAndTee() => AnOrder().WithLine("MUG", quantity: 2, price: 8m).WithLine("TEE", price: 20m);

    public static OrderPlaced Placed(Order order) => new(order);

    public static OrderPlaced Placed(OrderBuilder order) => new(order.Build());

    public static OrderUpdated Updated(OrderBuilder order) => new(order.Build());

    public static string VendorOrderId(string vendor) => $"{vendor}-order-1";

    /// <summary>The vendor confirms the push: it holds the order as "vendor-x-order-1".</summary>
    public static VendorOrderCreated Created(string vendor) => new(IdempotencyKeys.Push(Key, vendor), VendorOrderId(vendor), $"V-{vendor}");

    public static VendorShipped Shipped(string vendor, ShipmentBuilder shipment) => new(vendor, VendorOrderId(vendor), shipment.Build());

    public static PaymentReported Payment(PaymentPlatform platform, PaymentEvent happened, string? reference = null, int minutesLater = 5) =>
        new(platform, happened, reference, null, LifecycleSpec.Start.AddMinutes(minutesLater));

    public static CommandFailed Transient(string commandId, TimeSpan? retryAfter = null, string reason = "503 Service Unavailable") =>
        new(commandId, FailureKind.Transient, reason, retryAfter);

    public static CommandFailed Permanent(string commandId, string reason = "422: SKU A-MUG does not exist") =>
        new(commandId, FailureKind.Permanent, reason);

    public static SubOrder Sub(Decision decision, string vendor) => decision.State.SubOrders.Single(s => s.VendorId == vendor);

    public static T Single<T>(Decision decision) where T : Command
    {
        Assert.HasCount(1, decision.Commands, "commands: " + string.Join(", ", decision.Commands.Select(c => c.Id)));
        return (T)decision.Commands[0];
    }

    public static T[] All<T>(Decision decision) where T : Command => [.. decision.Commands.OfType<T>()];

    public static Attention OpenAttention(Decision decision, string keyPrefix) =>
        decision.State.OpenAttention.Single(a => a.Key.StartsWith(keyPrefix, StringComparison.Ordinal));

    public static void AssertNoAttention(Decision decision) =>
        Assert.IsFalse(decision.State.OpenAttention.Any(), "attention: " + string.Join(" | ", decision.State.OpenAttention.Select(a => a.Reason)));

    /// <summary>Nothing issued and the state exactly as it was.</summary>
    public static void AssertUnchanged(LifecycleSpec spec, Decision decision)
    {
        Assert.IsEmpty(decision.Commands);
        Assert.AreEqual(Json(spec.State), Json(decision.State), "the state must not change");
    }

    private static string Json(OrderState state) => OrderSyncJson.Serialize(new Decision(state, [], null, []));
}
