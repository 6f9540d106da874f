using Microsoft.Extensions.Logging.Abstractions;
using Azure.Data.Tables;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orchestration.Durable;
using OrderSync.Core.Orders;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Tests.Integration.Execution;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>
/// What every runtime of the lifecycle scenarios runs over, started once per test class: the platform simulators, a merchant
/// whose MUG goes to the HTTP vendor as H-MUG (tracking sync off: the scenarios are about the vendor), the orders table on
/// Azurite, and Core's command executor against the simulators. Each test takes an order of its own.
/// </summary>
public sealed class LifecycleWorld : IAsyncDisposable
{
    public const string Vendor = ExecutorKit.HttpVendor;
    public const string MerchantSku = "MUG";
    public const string VendorSku = "H-MUG";

    private readonly ExecutorSimulators _simulators;
    private readonly ExecutorKit _kit;

    private LifecycleWorld(ExecutorSimulators simulators, ExecutorKit kit, StorageOptions storage, OrderStore orders)
    {
        (_simulators, _kit, Storage, Orders) = (simulators, kit, storage, orders);
        Executor = kit.Executor(Configure, handler: Failures);
        Directory = kit.Directory();
    }

    public StorageOptions Storage { get; }
    public OrderStore Orders { get; }
    public MerchantDirectory Directory { get; }
    public CommandExecutor Executor { get; }
    public UnclassifiedFailure Failures { get; } = new();
    public HttpVendorSimulator VendorApi => _simulators.Http;

    /// <param name="tables">The orders table's client options (a test's pipeline policy that loses answers, say).</param>
    public static async Task<LifecycleWorld> StartAsync(TableClientOptions? tables = null)
    {
        var simulators = await ExecutorSimulators.StartAsync();
        var storage = await TestStorage.IsolatedAsync();
        var orders = new OrderStore(new TableServiceClient(storage.ConnectionString, tables ?? new TableClientOptions()), TestStorage.Wrap(storage));
        await orders.EnsureCreatedAsync(CancellationToken.None);
        return new LifecycleWorld(simulators, await ExecutorKit.StartAsync(simulators), storage, orders);
    }

    /// <summary>Two mugs (mapped to the HTTP vendor), paid, as Shopify had the order <paramref name="minutes"/> after it was placed.</summary>
    public static OrderBuilder Mugs(OrderKey order, int minutes = 0) =>
        OrderBuilder.AnOrder().WithKey(order).WithLine(MerchantSku, quantity: 2, price: 8m).UpdatedMinutesLater(minutes);

    /// <summary>A signal to the order as a shell's queue carries it, sent now.</summary>
    public static SignalEnvelope Envelope(OrderKey order, string signalId, Signal signal)
    {
        var now = DateTimeOffset.UtcNow;
        return new SignalEnvelope(signalId, order, signal, new SignalOrigin("test", signalId, signalId, now, now));
    }

    public OrderKey NewOrder() => new(_kit.MerchantShop, Random.Shared.NextInt64(1, long.MaxValue).ToString());

    /// <summary>The activities of the order orchestration over this world, as the shells' workers resolve them.</summary>
    public OrderActivities Activities() => new(
        new OrderCheckpoints(Orders, TimeProvider.System), Directory, Executor, new PoisonQueue(TestStorage.Wrap(Storage)), NullLogger<OrderActivities>.Instance);

    /// <summary>What the HTTP vendor holds and was asked for this order.</summary>
    public VendorEffects EffectsOn(OrderKey order)
    {
        var orders = VendorApi.Orders.Where(o => o.MerchantOrder == order.ToString()).ToList();
        var latest = orders.LastOrDefault();
        var note = latest?.Updates.LastOrDefault(u => u["note"] is not null)?["note"] ?? latest?.Body["note"];
        return new VendorEffects(
            orders.Count,
            VendorApi.Received.Count(r => r.Kind == "create" && r.Body.Contains($"\"{order}\"", StringComparison.Ordinal)),
            note?.GetValue<string>(),
            latest?.Cancelled ?? false);
    }

    /// <summary>
    /// The order once every signal in <paramref name="sent"/> is applied, its outbox empty and no wake-up pending; fails at
    /// once with what <paramref name="trouble"/> reports (a failed instance, a poisoned message).
    /// </summary>
    public Task<StoredOrder> SettledAsync(OrderKey order, IReadOnlyCollection<string> sent, Func<Task<string?>> trouble, TimeSpan? within = null) =>
        Eventually.GetAsync(async () =>
            {
                if (await trouble() is { } problem) throw new AssertFailedException(problem);
                return await Orders.LoadAsync(order, CancellationToken.None);
            },
            saved => sent.All(saved.Record.HasApplied) && saved.Record.Outbox.IsEmpty && saved.Record.State.NextWakeAt() is null,
            $"order {order} to settle after {string.Join(", ", sent)}", within);

    public async ValueTask DisposeAsync()
    {
        await _simulators.DisposeAsync();
        Failures.Dispose();
    }

    private void Configure(SyncConfiguration configuration)
    {
        var merchant = configuration.Merchants.Single();
        merchant.ProductMappings.Add(new ProductMappingOptions { MerchantSku = MerchantSku, VendorId = Vendor, VendorSku = VendorSku });
        (merchant.SyncTrackingToShopify, merchant.SyncTrackingToPayPal, merchant.SyncTrackingToStripe) = (false, false, false);
    }
}

/// <summary>The HTTP vendor's side of one order: its orders, the create requests it received, the note it holds, whether it is cancelled.</summary>
public sealed record VendorEffects(int Orders, int CreateRequests, string? Note, bool Cancelled);
