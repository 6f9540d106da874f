using Microsoft.Extensions.Options;
using OrderSync.Core.Storage;

namespace OrderSync.Tests.Support;

/// <summary>Storage settings of a test's own: tables and queue named uniquely, so tests never see each other's data.</summary>
public static class TestStorage
{
    public static async Task<StorageOptions> IsolatedAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return new StorageOptions
        {
            ConnectionString = await TestAzurite.ConnectionStringAsync(),
            TablePrefix = "t" + unique,
            SignalQueue = "signals-" + unique,
        };
    }

    public static IOptions<T> Wrap<T>(T value) where T : class => Options.Create(value);
}
