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

    /// <summary>The configured runtime (Outbox when unset), by name; a value that names neither fails start-up with a clear message.</summary>
    public static OrderRuntime From(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" => OrderRuntime.Outbox,
        var value when Enum.GetNames<OrderRuntime>().FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } name =>
            Enum.Parse<OrderRuntime>(name),
        var value => throw new OptionsValidationException(Key, typeof(OrderRuntime), [$"{Key} must be Outbox or Durable, not '{value}'."]),
    };
}
