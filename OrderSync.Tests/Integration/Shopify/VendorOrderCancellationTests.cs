using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Sandbox.Shopify;

using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Shopify;

/// <summary>orderCancel on a vendor order (asynchronous, answers a job), against the simulator over loopback.</summary>
[TestClass]
public sealed class VendorOrderCancellationTests
{
    [TestMethod]
    public async Task Cancelling_answers_the_job_and_sends_the_required_arguments()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        var result = await kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Customer, restock: true, "merchant cancelled #1001", CancellationToken.None);

        Assert.IsFalse(result.AlreadyCancelled);
        StringAssert.StartsWith(result.JobId, "gid://shopify/Job/");
        Assert.IsNotNull(kit.Side.Order(id)!.CancelledAt);
        Assert.AreEqual("CUSTOMER", kit.Side.Order(id)!.CancelReason);
        var sent = kit.Simulated.Received.Single(r => r.Field == "orderCancel").Variables;
        Assert.IsTrue(sent["restock"]!.GetValue<bool>());
        Assert.AreEqual("merchant cancelled #1001", sent["staffNote"]!.GetValue<string>());
        Assert.IsFalse(sent["refundMethod"]!["originalPaymentMethodsRefund"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task Cancelling_twice_is_fine()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();

        await kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Other, restock: true, null, CancellationToken.None);
        var second = await kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Other, restock: true, null, CancellationToken.None);

        Assert.IsTrue(second.AlreadyCancelled);
        Assert.AreEqual(1, kit.Calls("orderCancel"));
    }

    [TestMethod]
    public async Task A_retry_after_the_answer_was_lost_finds_the_order_cancelled()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        // The first answer is lost after Shopify cancelled (the client times out); the retry finds the order cancelled.
        kit.Simulated.FailNext("orderCancel", new ShopifyFault.StallAfterEffect(TimeSpan.FromSeconds(30)));
        var slow = new ShopifyVendorOrderCancellation(new ShopifyGraphQlClient(new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) },
            Support.TestStorage.Wrap(new global::OrderSync.Core.Configuration.ShopifyOptions()), TimeProvider.System));
        var lost = await PlatformFailures.FailureOf(() => slow.CancelAsync(kit.Store, id, VendorCancelReason.Staff, restock: false, null, CancellationToken.None));
        Assert.AreEqual(FailureKind.Transient, lost.Kind);

        var retry = await kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Staff, restock: false, null, CancellationToken.None);

        Assert.IsTrue(retry.AlreadyCancelled);
    }

    [TestMethod]
    public async Task A_user_error_is_permanent_and_names_the_field()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        kit.Simulated.FailNext("orderCancel", new ShopifyFault.UserError("orderId", "Cannot cancel an order with active returns"));

        var failure = await PlatformFailures.FailureOf(() =>
            kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Customer, restock: true, null, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "orderId: Cannot cancel an order with active returns");
        Assert.IsNull(kit.Side.Order(id)!.CancelledAt);
    }

    [TestMethod]
    public async Task An_unknown_order_is_permanent()
    {
        var kit = await VendorShopifyKit.StartAsync();

        var failure = await PlatformFailures.FailureOf(() =>
            kit.Cancellation.CancelAsync(kit.Store, "gid://shopify/Order/1", VendorCancelReason.Customer, restock: true, null, CancellationToken.None));

        Assert.AreEqual(FailureKind.Permanent, failure.Kind);
        StringAssert.Contains(failure.Reason, "has no order gid://shopify/Order/1");
    }

    [TestMethod]
    public async Task A_refusal_because_someone_cancelled_meanwhile_is_success()
    {
        var kit = await VendorShopifyKit.StartAsync();
        var id = await kit.PushAsync();
        // Between this client's read (not cancelled) and its orderCancel, another cancellation lands: Shopify refuses ours.
        var racing = new AfterFirstResponse(() => kit.Cancellation.CancelAsync(kit.Store, id, VendorCancelReason.Staff, restock: true, null, CancellationToken.None));
        var client = new ShopifyVendorOrderCancellation(new ShopifyGraphQlClient(new HttpClient(racing),
            Support.TestStorage.Wrap(new global::OrderSync.Core.Configuration.ShopifyOptions()), TimeProvider.System));

        var result = await client.CancelAsync(kit.Store, id, VendorCancelReason.Customer, restock: true, null, CancellationToken.None);

        Assert.IsTrue(result.AlreadyCancelled);
        Assert.AreEqual(2, kit.Calls("orderCancel"), "ours was sent and refused");
        Assert.AreEqual("STAFF", kit.Side.Order(id)!.CancelReason);
    }

    /// <summary>Runs <paramref name="meanwhile"/> once, after the first answer and before the next request.</summary>
    private sealed class AfterFirstResponse(Func<Task> meanwhile) : DelegatingHandler(new HttpClientHandler())
    {
        private int _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 2) await meanwhile();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
