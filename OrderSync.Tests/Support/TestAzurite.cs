using OrderSync.Sandbox.Azurite;

namespace OrderSync.Tests.Support;

/// <summary>One Azurite for the whole test run, started on first use (pure tests never start it), stopped by <see cref="TestRun"/>.</summary>
public static class TestAzurite
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? _azurite;

    public static async Task<string> ConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _azurite ??= await AzuriteProcess.StartAsync(reuseRunning: true);
            return _azurite.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
