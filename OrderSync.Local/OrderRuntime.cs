using Microsoft.Extensions.Options;

namespace OrderSync.Local;

/// <summary>What runs an order's lifecycle in the local shell (setting OrderSync:Runtime).</summary>
public enum OrderRuntime
{
    /// <summary>Core's outbox processor, fed by the signal queue worker; wake-ups as delayed queue messages.</summary>
    Outbox,

    /// <summary>The order's durable orchestration, as in the Azure shell, on the Durable Task engine over Azurite.</summary>
    Durable,
}

public static class OrderRuntimeSetting
{
    public const string Key = "OrderSync:Runtime";

    /// <summary>The configured runtime (Outbox when unset); a value that names neither fails start-up with a clear message.</summary>
    public static OrderRuntime From(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" => OrderRuntime.Outbox,
        var value when Enum.TryParse<OrderRuntime>(value, ignoreCase: true, out var runtime) && Enum.IsDefined(runtime) => runtime,
        var value => throw new OptionsValidationException(Key, typeof(OrderRuntime), [$"{Key} must be Outbox or Durable, not '{value}'."]),
    };
}
