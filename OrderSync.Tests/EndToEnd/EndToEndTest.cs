using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>Each end-to-end test gets a world of its own: storage, vendor store and a running OrderSync.Local.</summary>
public abstract class EndToEndTest
{
    protected LocalShellFixture World { get; private set; } = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public async Task StartWorldAsync() => World = await LocalShellFixture.StartAsync(await TestSimulators.ShopifyAsync());

    [TestCleanup]
    public async Task StopWorldAsync()
    {
        if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed) TestContext.WriteLine(World.Host.Output);
        await World.DisposeAsync();
    }
}
