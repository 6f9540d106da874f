using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace OrderSync.Core.Telemetry;

/// <summary>Where OrderSync's traces, metrics and logs are exported (OrderSync:Telemetry).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OrderSync:Telemetry";

    /// <summary>What Azure sets on an app linked to Application Insights; used when the setting is absent.</summary>
    public const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"Authorization=AAD;ClientId=…", set by infra/ because the component accepts Entra ID only (local auth off).</summary>
    public const string AuthenticationStringVariable = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Traces and metrics to the console; logs are written there by the host's console logger already.</summary>
    public bool Console { get; set; }

    /// <summary>Application Insights; unset means no export to Azure Monitor.</summary>
    public string? AzureMonitorConnectionString { get; set; }

    /// <summary>Export with a managed identity: "Authorization=AAD", with "ClientId=…" for a user-assigned one; unset: the connection string's key.</summary>
    public string? AzureMonitorAuthentication { get; set; }

    public bool HasValidConnectionString =>
        AzureMonitorConnectionString is null || AzureMonitorConnectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase);

    public bool HasValidAuthentication =>
        AzureMonitorAuthentication is null || string.Equals(Part(AzureMonitorAuthentication, "Authorization"), "AAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>The managed identity to export with, or null to export with the connection string alone.</summary>
    public TokenCredential? Credential() =>
        AzureMonitorAuthentication is null || !HasValidAuthentication ? null
        : Part(AzureMonitorAuthentication, "ClientId") is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        Bind(options, configuration);
        return options;
    }

    public static void Bind(TelemetryOptions options, IConfiguration configuration)
    {
        configuration.GetSection(Section).Bind(options);
        options.AzureMonitorConnectionString = Either(options.AzureMonitorConnectionString, configuration[ConnectionStringVariable]);
        options.AzureMonitorAuthentication = Either(options.AzureMonitorAuthentication, configuration[AuthenticationStringVariable]);
    }

    private static string? Either(string? setting, string? variable) =>
        !string.IsNullOrWhiteSpace(setting) ? setting : !string.IsNullOrWhiteSpace(variable) ? variable : null;

    private static string? Part(string keyValues, string name) => keyValues.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && string.Equals(p[0], name, StringComparison.OrdinalIgnoreCase))?[1];
}
