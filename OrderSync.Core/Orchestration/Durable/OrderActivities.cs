using Microsoft.Extensions.Logging;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Orchestration.Durable;

/// <summary>
/// The order orchestration's activities, each one call into Core with its input and output as OrderSync JSON. Both shells
/// register them under these names: the Azure shell as activity functions, the local shell on its Durable Task worker.
/// </summary>
public sealed class OrderActivities(
    OrderCheckpoints checkpoints, MerchantDirectory directory, CommandExecutor executor, PoisonQueue poison, ILogger<OrderActivities> logger)
{
    public const string LoadOrder = nameof(LoadOrder);
    public const string ReadSettings = nameof(ReadSettings);
    public const string ExecuteCommand = nameof(ExecuteCommand);
    public const string SaveOrder = nameof(SaveOrder);
    public const string SetSignalAside = nameof(SetSignalAside);

    public async Task<string> LoadOrderAsync(string order, CancellationToken cancellationToken) =>
        OrderSyncJson.Serialize(await checkpoints.LoadAsync(Key(order), cancellationToken));

    public string ReadSettingsOf(string shop) => OrderSyncJson.Serialize(directory.SettingsFor(shop));

    public async Task<string> ExecuteCommandAsync(string request, CancellationToken cancellationToken)
    {
        var (order, command) = OrderSyncJson.Deserialize<CommandRequest>(request);
        using var span = OrderSyncTelemetry.StartActivity("ordersync.command", order)?.SetTag("ordersync.command", command.GetType().Name);
        logger.LogInformation("running {Command} for order {OrderKey}", command.Id, order);
        // The engine may run an activity again (a worker lost mid-call) without telling it: every run is treated as a repeat.
        return OrderSyncJson.Serialize(await executor.ExecuteAsync(command, mayHaveRun: true, cancellationToken));
    }

    public Task<string?> SaveOrderAsync(string save, CancellationToken cancellationToken) =>
        checkpoints.SaveAsync(OrderSyncJson.Deserialize<OrderSave>(save), cancellationToken);

    /// <summary>
    /// Keeps the signal in the poison queue. Its order cannot show that it needs attention, as the orchestration does with a
    /// signal the decider refuses: the order's record is what could not be read or saved.
    /// </summary>
    public async Task<string> SetSignalAsideAsync(string setAside, CancellationToken cancellationToken)
    {
        var (envelope, error) = OrderSyncJson.Deserialize<SignalSetAside>(setAside);
        await poison.SetAsideAsync(envelope, error, cancellationToken);
        logger.LogError("signal {SignalId} set aside in the poison queue, and order {OrderKey} could not be marked as needing attention, as its record could not be read or saved: {Error}",
            envelope.Id, envelope.Order, error);
        return envelope.Id;
    }

    private static OrderKey Key(string order) =>
        OrderKey.TryParse(order, out var key) ? key : throw new ArgumentException($"'{order}' is not an order key (shop/orderId)", nameof(order));
}
