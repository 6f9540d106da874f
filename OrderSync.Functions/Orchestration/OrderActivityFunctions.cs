using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Orchestration.Durable;

namespace OrderSync.Functions.Orchestration;

/// <summary>The order orchestration's activities as activity functions, each a call into Core's <see cref="OrderActivities"/>.</summary>
public sealed class OrderActivityFunctions(OrderActivities activities)
{
    [Function(OrderActivities.LoadOrder)]
    public Task<string> LoadOrder([ActivityTrigger] string order, CancellationToken cancellationToken) =>
        activities.LoadOrderAsync(order, cancellationToken);

    [Function(OrderActivities.ReadSettings)]
    public string ReadSettings([ActivityTrigger] string shop) => activities.ReadSettingsOf(shop);

    [Function(OrderActivities.ExecuteCommand)]
    public Task<string> ExecuteCommand([ActivityTrigger] string request, CancellationToken cancellationToken) =>
        activities.ExecuteCommandAsync(request, cancellationToken);

    [Function(OrderActivities.SaveOrder)]
    public Task<string?> SaveOrder([ActivityTrigger] string save, CancellationToken cancellationToken) =>
        activities.SaveOrderAsync(save, cancellationToken);

    [Function(OrderActivities.SetSignalAside)]
    public Task<string> SetSignalAside([ActivityTrigger] string setAside, CancellationToken cancellationToken) =>
        activities.SetSignalAsideAsync(setAside, cancellationToken);
}
