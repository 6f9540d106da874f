using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Hosting;
using OrderSync.Core.Telemetry;

namespace OrderSync.Tests.Core.Telemetry;

/// <summary>AddOrderSyncTelemetry's settings: where they are read from, and what stops the host at start-up.</summary>
[TestClass]
public sealed class TelemetryRegistrationTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/";

    [TestMethod]
    public void The_connection_and_authentication_strings_Azure_sets_are_used_when_the_settings_are_absent()
    {
        var options = Options(new()
        {
            [TelemetryOptions.ConnectionStringVariable] = ConnectionString,
            [TelemetryOptions.AuthenticationStringVariable] = "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD",
        });

        Assert.AreEqual(ConnectionString, options.AzureMonitorConnectionString);
        Assert.IsFalse(options.Console);
        Assert.IsInstanceOfType<ManagedIdentityCredential>(options.Credential());
    }

    [TestMethod]
    [DataRow("AzureMonitorConnectionString", "not-a-connection-string")]
    [DataRow("AzureMonitorAuthentication", "Authorization=Basic")]
    public void A_malformed_Azure_Monitor_setting_fails_validation_naming_it(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{TelemetryOptions.Section}:AzureMonitorConnectionString"] = ConnectionString,
            [$"{TelemetryOptions.Section}:{setting}"] = value,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddOrderSyncTelemetry(configuration).BuildServiceProvider();

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelemetryOptions>>().Value);

        Assert.Contains($"{TelemetryOptions.Section}:{setting}", error.Message);
    }

    private static TelemetryOptions Options(Dictionary<string, string?> settings) =>
        TelemetryOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
