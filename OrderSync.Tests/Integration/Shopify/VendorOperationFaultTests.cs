using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;

using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>Every vendor-side operation classifies Shopify's failures the same way: 429, 5xx, timeout, THROTTLED, bad bodies.</summary>
[TestClass]
public sealed class VendorOperationFaultTests
{
    public static IEnumerable<object[]> Operations => [["update"], ["update tags"], ["edit"], ["cancel"], ["fulfillments"], ["changed since"]];

    private static Func<Task> Operation(VendorShopifyKit kit, string id, string name) => name switch
    {
        "update" => () => kit.Updates.UpdateAsync(kit.Store, id, new VendorOrderChanges(Note: "n"), CancellationToken.None),
        "update tags" => () => kit.Updates.UpdateAsync(kit.Store, id, new VendorOrderChanges(Tags: ["t"]), CancellationToken.None),
        "edit" => () => kit.Edits.EditAsync(kit.Store, id,
            new VendorLineEdit(new Dictionary<string, int> { [kit.Side.Order(id)!.Lines[0].Id] = 1 }, []), CancellationToken.None),
        "cancel" => () => kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Customer, restock: true, null, CancellationToken.None),
        "fulfillments" => () => kit.Fulfillments.ForOrderAsync(kit.Store, id, CancellationToken.None),
        _ => () => kit.Fulfillments.ChangedSinceAsync(kit.Store, DateTimeOffset.UnixEpoch, null, CancellationToken.None),
    };

    private static async Task<(VendorShopifyKit Kit, Func<Task> Call)> ArrangeAsync(string name, TimeSpan? timeout = null)
    {
        var kit = await VendorShopifyKit.StartAsync(timeout);
        var id = await kit.PushAsync();
        return (kit, Operation(kit, id, name));
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task HTTP_429_is_transient_with_Retry_After(string name)
    {
        var (kit, call) = await ArrangeAsync(name);
        kit.Simulated.FailNext("*", new ShopifyFault.RateLimited(9));

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        Assert.AreEqual(TimeSpan.FromSeconds(9), failure.RetryAfter);
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task A_5xx_is_transient(string name)
    {
        var (kit, call) = await ArrangeAsync(name);
        kit.Simulated.FailNext("*", new ShopifyFault.ServerError(503));

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "503");
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task THROTTLED_is_transient_and_waits(string name)
    {
        var (kit, call) = await ArrangeAsync(name);
        kit.Simulated.FailNext("*", new ShopifyFault.Throttled());

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "throttled");
        Assert.IsTrue(failure.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task A_body_that_is_not_JSON_is_transient(string name)
    {
        var (kit, call) = await ArrangeAsync(name);
        kit.Simulated.FailNext("*", new ShopifyFault.MalformedBody());

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "not JSON");
    }

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public async Task A_reply_slower_than_the_timeout_is_transient(string name)
    {
        var (kit, call) = await ArrangeAsync(name, TimeSpan.FromMilliseconds(500));
        kit.Simulated.FailNext("*", new ShopifyFault.StallBeforeEffect(TimeSpan.FromSeconds(30)));

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, "in time");
    }

    [TestMethod]
    [DataRow("orderUpdate")]
    [DataRow("orderEditBegin")]
    [DataRow("orderEditSetQuantity")]
    [DataRow("orderEditCommit")]
    [DataRow("orderCancel")]
    [DataRow("orders")]
    public async Task A_mutation_or_page_not_shaped_as_the_schema_says_is_transient(string field)
    {
        var name = field switch
        {
            "orderUpdate" => "update",
            "orderCancel" => "cancel",
            "orders" => "changed since",
            _ => "edit",
        };
        var (kit, call) = await ArrangeAsync(name);
        kit.Simulated.FailNext(field, new ShopifyFault.UnexpectedShape());

        var failure = await PlatformFailures.FailureOf(call);

        Assert.AreEqual(FailureKind.Transient, failure.Kind);
        StringAssert.Contains(failure.Reason, $"answered {field} in an unexpected shape");
    }
}
