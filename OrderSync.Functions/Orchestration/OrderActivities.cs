using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Telemetry;

namespace OrderSync.Functions.Orchestration;

/// <summary>The order orchestration's activities: each one call into Core, its input and output as OrderSync JSON.</summary>
public sealed class OrderActivities(OrderCheckpoints checkpoints, MerchantDirectory directory, CommandExecutor executor)
{
    [Function(nameof(LoadOrder))]
    public async Task<string> LoadOrder([ActivityTrigger] string order, FunctionContext context) =>
        OrderSyncJson.Serialize(await checkpoints.LoadAsync(Key(order), context.CancellationToken));

    [Function(nameof(ReadSettings))]
    public string ReadSettings([ActivityTrigger] string shop) => OrderSyncJson.Serialize(directory.SettingsFor(shop));

    [Function(nameof(ExecuteCommand))]
    public async Task<string> ExecuteCommand([ActivityTrigger] string request, FunctionContext context)
    {
        var (order, command) = OrderSyncJson.Deserialize<CommandRequest>(request);
        using var span = OrderSyncTelemetry.StartActivity("ordersync.command", order)?.SetTag("ordersync.command", command.GetType().Name);
        return OrderSyncJson.Serialize(await executor.ExecuteAsync(command, context.CancellationToken));
    }

    [Function(nameof(SaveOrder))]
    public Task<string?> SaveOrder([ActivityTrigger] string save, FunctionContext context) =>
        checkpoints.SaveAsync(OrderSyncJson.Deserialize<OrderSave>(save), context.CancellationToken);

    private static OrderKey Key(string order) =>
        OrderKey.TryParse(order, out var key) ? key : throw new ArgumentException($"'{order}' is not an order key (shop/orderId)", nameof(order));
}
