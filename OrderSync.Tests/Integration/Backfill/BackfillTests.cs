using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Polling;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Tests.Integration.Backfill;

/// <summary>The back-fill against Azurite and the Shopify simulator: merchant orders OrderSync lacks, or holds an older version of, are queued.</summary>
[TestClass]
public sealed class BackfillTests
{
    [TestMethod]
    public async Task Given_an_order_OrderSync_never_saw_When_back_filled_twice_Then_it_is_queued_once_as_its_orders_create_webhook_would_be()
    {
        var kit = await BackfillKit.StartAsync();
        var seeded = kit.Seed();

        var first = await kit.RunAsync();
        var second = await kit.RunAsync();

        Assert.AreEqual((1, 0), (first.Queued, second.Queued));
        CollectionAssert.AreEqual(new[] { kit.Shop }, first.Stores.ToArray(), "only the connected merchant store is read");
        var envelope = kit.Queue.Queued.Single();
        Assert.AreEqual(kit.Key(seeded), envelope.Order);
        Assert.AreEqual($"backfill:{kit.Shop}:{kit.Key(seeded).OrderId}:{seeded.UpdatedAt.UtcTicks - seeded.UpdatedAt.UtcTicks % TimeSpan.TicksPerSecond}", envelope.Id);
        Assert.AreEqual(("backfill", "orders/create"), (envelope.Origin.Source, envelope.Origin.Topic));
        var order = ((OrderPlaced)envelope.Signal).Order;
        Assert.AreEqual(("#1001", "USD", PaymentStatus.Paid, "Generic Shipping"), (order.Name, order.Currency, order.PaymentStatus, order.ShippingMethod));
        Assert.AreEqual(new Customer("Bob", "Norman", "bob.norman@mail.example.com", null), order.Customer);
        Assert.AreEqual(new Address("Steve", "Shipper", "Shipping Company", "123 Shipping Street", null, "Shippington", "KY", "US", "40003", "555-555-SHIP"),
            order.ShippingAddress);
        var lines = seeded.LineItems;
        CollectionAssert.AreEqual(new[]
        {
            new OrderLine(lines[0].Id.Split('/')[^1], "IPOD2008PINK", lines[0].VariantId!.Split('/')[^1], "IPod Nano - 8GB", 2, 199.00m),
            new OrderLine(lines[1].Id.Split('/')[^1], "IPOD2008BLACK", lines[1].VariantId!.Split('/')[^1], "IPod Nano - 8GB", 1, 189.50m),
        }, order.Lines.ToArray(), "lines keyed by number, as the webhook keys them");
        Assert.AreEqual(seeded.UpdatedAt.ToUnixTimeSeconds(), order.UpdatedAt.ToUnixTimeSeconds());
    }

    [TestMethod]
    public async Task Given_an_order_OrderSync_holds_as_the_store_has_it_When_back_filled_Then_nothing_is_queued()
    {
        var kit = await BackfillKit.StartAsync();
        await kit.KnownAsync(kit.Seed());
        var reads = kit.Merchant.Received.Count(r => r.Field == "order");

        var result = await kit.RunAsync();

        Assert.AreEqual(0, result.Queued);
        Assert.AreEqual(0, kit.Queue.Queued.Count);
        Assert.AreEqual(reads, kit.Merchant.Received.Count(r => r.Field == "order"), "an order up to date is not read whole");
    }

    [TestMethod]
    public async Task Given_a_newer_version_in_the_store_When_back_filled_Then_it_is_queued_once_as_its_orders_updated_webhook_would_be()
    {
        var kit = await BackfillKit.StartAsync();
        var seeded = kit.Seed();
        await kit.RunAsync();
        await kit.ApplyAsync(kit.Queue.Queued.Single());
        kit.Merchant.ChangeMerchantOrder(seeded.Id, o =>
        {
            o.ShippingAddress = o.ShippingAddress! with { Address1 = "1 New Street" };
            o.LineItems[0] = o.LineItems[0] with { CurrentQuantity = 1 };
        });

        var updated = await kit.RunAsync();
        var again = await kit.RunAsync();

        Assert.AreEqual((1, 0), (updated.Queued, again.Queued));
        var envelope = kit.Queue.Queued.Last();
        Assert.AreEqual(("backfill", "orders/updated"), (envelope.Origin.Source, envelope.Origin.Topic));
        var order = ((OrderUpdated)envelope.Signal).Order;
        Assert.AreEqual("1 New Street", order.ShippingAddress!.Address1);
        Assert.AreEqual(1, order.Lines[0].Quantity, "the line's current quantity");
        Assert.AreEqual(seeded.UpdatedAt.ToUnixTimeSeconds(), order.UpdatedAt.ToUnixTimeSeconds());
    }

    [TestMethod]
    public async Task Given_more_orders_than_a_page_When_back_filled_Then_every_page_is_read_and_every_order_queued()
    {
        var kit = await BackfillKit.StartAsync(new BackfillOptions { PageSize = 2 });
        var seeded = Enumerable.Range(1, 5).Select(i => kit.Seed($"#{1000 + i}")).ToList();

        var result = await kit.RunAsync();

        Assert.AreEqual(5, result.Queued);
        CollectionAssert.AreEquivalent(seeded.Select(kit.Key).ToArray(), kit.Queue.Queued.Select(e => e.Order).ToArray());
        var lists = kit.Merchant.Received.Where(r => r.Field == "orders").ToList();
        Assert.AreEqual(3, lists.Count, "pages of 2, 2 and 1");
        Assert.IsNull(lists[0].Variables["after"]);
        Assert.IsNotNull(lists[1].Variables["after"]);
        Assert.AreNotEqual(lists[1].Variables["after"]!.ToJsonString(), lists[2].Variables["after"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Given_an_order_older_than_the_lookback_When_back_filled_Then_it_is_not_read_back()
    {
        var kit = await BackfillKit.StartAsync(new BackfillOptions { LookbackDays = 3 });
        var old = kit.Seed("#1001");
        var recent = kit.Seed("#1002");
        kit.Merchant.ChangeMerchantOrder(old.Id, o => o.CreatedAt = DateTimeOffset.UtcNow.AddDays(-4));
        kit.Merchant.ChangeMerchantOrder(recent.Id, o => o.CreatedAt = DateTimeOffset.UtcNow.AddDays(-2));

        var result = await kit.RunAsync();

        Assert.AreEqual(1, result.Queued);
        Assert.AreEqual(kit.Key(recent), kit.Queue.Queued.Single().Order);
        var query = kit.Merchant.Received.Single(r => r.Field == "orders").Variables["query"]!.GetValue<string>();
        StringAssert.StartsWith(query, $"created_at:>='{DateTimeOffset.UtcNow.AddDays(-3):yyyy-MM-dd}T");
    }

    [TestMethod]
    public async Task Given_a_cancelled_or_closed_order_OrderSync_never_saw_When_back_filled_Then_it_is_left_alone()
    {
        var kit = await BackfillKit.StartAsync();
        var cancelled = kit.Seed("#1001");
        var closed = kit.Seed("#1002");
        kit.Merchant.ChangeMerchantOrder(cancelled.Id, o => o.CancelledAt = DateTimeOffset.UtcNow);
        kit.Merchant.ChangeMerchantOrder(closed.Id, o => o.ClosedAt = DateTimeOffset.UtcNow);

        var result = await kit.RunAsync();

        Assert.AreEqual(0, result.Queued);
        Assert.AreEqual(0, kit.Merchant.Received.Count(r => r.Field == "order"), "no order read whole");
    }

    [TestMethod]
    public async Task Given_a_page_that_fails_When_back_filled_Then_the_store_fails_what_was_queued_stays_and_the_next_run_queues_the_rest()
    {
        var kit = await BackfillKit.StartAsync(new BackfillOptions { PageSize = 2 });
        var seeded = Enumerable.Range(1, 3).Select(i => kit.Seed($"#{1000 + i}")).ToList();
        kit.Merchant.FailNext("orders", new ShopifyFault.ServerError(503), after: 1);

        var failed = await kit.RunAsync();

        CollectionAssert.AreEqual(new[] { kit.Shop }, failed.FailedStores.ToArray());
        Assert.AreEqual(2, failed.Queued);
        Assert.AreEqual(2, kit.Queue.Queued.Count, "the first page's orders stay queued");

        var retried = await kit.RunAsync();

        Assert.AreEqual((1, 0), (retried.Queued, retried.FailedStores.Count));
        CollectionAssert.AreEquivalent(seeded.Select(kit.Key).ToArray(), kit.Queue.Queued.Select(e => e.Order).ToArray(), "each order queued once");
    }

    [TestMethod]
    public async Task Given_a_store_that_throttles_the_order_read_When_back_filled_Then_the_store_fails_and_the_next_run_queues_the_order()
    {
        var kit = await BackfillKit.StartAsync();
        var seeded = kit.Seed();
        kit.Merchant.FailNext("order", new ShopifyFault.Throttled());

        var throttled = await kit.RunAsync();
        var retried = await kit.RunAsync();

        Assert.AreEqual((0, 1), (throttled.Queued, throttled.FailedStores.Count));
        Assert.AreEqual((1, 0), (retried.Queued, retried.FailedStores.Count));
        Assert.AreEqual(kit.Key(seeded), kit.Queue.Queued.Single().Order);
    }

    [TestMethod]
    public async Task Given_a_store_that_is_not_connected_When_back_filled_by_name_Then_the_answer_is_null()
    {
        var kit = await BackfillKit.StartAsync();

        Assert.IsNull(await kit.Backfill.RunAsync("not-connected.myshopify.com", CancellationToken.None));
        Assert.IsNotNull(await kit.Backfill.RunAsync(kit.Shop.ToUpperInvariant(), CancellationToken.None));
    }
}
