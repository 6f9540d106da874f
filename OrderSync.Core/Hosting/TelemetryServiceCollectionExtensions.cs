using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrderSync.Core.Telemetry;

namespace OrderSync.Core.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry traces, metrics and logs of OrderSync, exported to the console (OrderSync:Telemetry:Console) and to
    /// Application Insights when a connection string is set. Both shells call this after AddOrderSync.
    /// </summary>
    public static IServiceCollection AddOrderSyncTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Configure(o => TelemetryOptions.Bind(o, configuration))
            .Validate(o => o.HasValidConnectionString,
                $"{TelemetryOptions.Section}:AzureMonitorConnectionString (or {TelemetryOptions.ConnectionStringVariable}) is not an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…).")
            .Validate(o => o.HasValidAuthentication,
                $"{TelemetryOptions.Section}:AzureMonitorAuthentication (or {TelemetryOptions.AuthenticationStringVariable}) must be \"Authorization=AAD\", with \";ClientId=…\" for a user-assigned identity.")
            .ValidateOnStart();

        // Exporters are chosen now, from the same values the validation checks at start-up; a malformed value adds no
        // exporter or credential (an exporter would throw while the host is built) and is reported by that validation instead.
        var options = TelemetryOptions.Read(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(OrderSyncTelemetry.Name))
            .WithTracing(t =>
            {
                t.AddSource(OrderSyncTelemetry.Name);
                if (options.Console) t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(OrderSyncTelemetry.Name);
                // Once a minute: every 10 s (the default) the gauges of each status would bury the console's logs.
                if (options.Console)
                    m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
            })
            .WithLogging(_ => { }, l => l.IncludeScopes = true); // the OrderKey scope goes with every log record
        if (options.AzureMonitorConnectionString is { } connection && options.HasValidConnectionString)
        {
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connection;
                o.Credential = options.Credential();
            });
        }
        return services;
    }
}
