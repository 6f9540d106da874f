using Microsoft.Extensions.Configuration;

namespace OrderSync.Core.Telemetry;

/// <summary>Where OrderSync's traces, metrics and logs are exported (OrderSync:Telemetry).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OrderSync:Telemetry";

    /// <summary>What Azure sets on an app linked to Application Insights; used when the setting is absent.</summary>
    public const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Traces and metrics to the console; logs are written there by the host's console logger already.</summary>
    public bool Console { get; set; }

    /// <summary>Application Insights; unset means no export to Azure Monitor.</summary>
    public string? AzureMonitorConnectionString { get; set; }

    public bool HasValidConnectionString =>
        AzureMonitorConnectionString is null || AzureMonitorConnectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase);

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        Bind(options, configuration);
        return options;
    }

    public static void Bind(TelemetryOptions options, IConfiguration configuration)
    {
        configuration.GetSection(Section).Bind(options);
        var connection = string.IsNullOrWhiteSpace(options.AzureMonitorConnectionString) ? configuration[ConnectionStringVariable] : options.AzureMonitorConnectionString;
        options.AzureMonitorConnectionString = string.IsNullOrWhiteSpace(connection) ? null : connection;
    }
}
