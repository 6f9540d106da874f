namespace OrderSync.Tests.Support;

/// <summary>Stops what the run started on demand (MSTest allows one assembly cleanup).</summary>
[TestClass]
public static class TestRun
{
    [AssemblyCleanup]
    public static async Task StopSharedServicesAsync()
    {
        await TestSimulators.StopAsync();
        await TestAzurite.StopAsync();
    }
}
