using OrderSync.Local;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.EndToEnd;

/// <summary>Each end-to-end test gets a world of its own: storage, vendor store and a running OrderSync.Local.</summary>
public abstract class EndToEndTest
{
    protected LocalShellFixture World { get; private set; } = null!;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Settings a test class adds to (or replaces in) the world's own.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>What runs the orders: the durable runtime for the suite's classes marked <see cref="IOnDurableRuntime"/>.</summary>
    private OrderRuntime Runtime => this is IOnDurableRuntime ? OrderRuntime.Durable : OrderRuntime.Outbox;

    [TestInitialize]
    public async Task StartWorldAsync() => World = await LocalShellFixture.StartAsync(await TestSimulators.ShopifyAsync(), Settings, Runtime);

    [TestCleanup]
    public async Task StopWorldAsync()
    {
        if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed) TestContext.WriteLine(World.Output);
        await World.DisposeAsync();
    }
}
