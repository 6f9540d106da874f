using Microsoft.Extensions.Configuration;
using OrderSync.Core.Configuration;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>Settings bound to <see cref="SyncConfiguration"/> as a host binds them, and what its start-up validation says of them.</summary>
internal static class SyncConfigurationBinding
{
    public static SyncConfiguration Bind(Dictionary<string, string?> settings)
    {
        var options = new SyncConfiguration();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SyncConfiguration.Section).Bind(options);
        return options;
    }

    public static IReadOnlyList<string> Errors(SyncConfiguration options) =>
        new SyncConfigurationValidator().Validate(null, options) is { Succeeded: false, Failures: { } failures } ? [.. failures] : [];
}
