using OrderSync.Core.Platforms.Shopify;

namespace OrderSync.Tests.Core.Platforms;

/// <summary>The client's estimate of a store's cost bucket: fed from throttleStatus, it says how long to wait before a call.</summary>
[TestClass]
public sealed class ShopifyCostBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Before_any_response_nothing_is_known_and_nothing_waits()
    {
        var bucket = new ShopifyCostBucket();

        Assert.AreEqual(TimeSpan.Zero, bucket.Reserve(1000, T0));
        Assert.IsNull(bucket.MaximumAvailable);
        Assert.IsNull(bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void The_bucket_size_and_restore_rate_are_the_ones_the_response_reported()
    {
        var bucket = Observed(maximum: 1000, available: 666, rate: 50);

        Assert.AreEqual(1000, bucket.MaximumAvailable);
        Assert.AreEqual(50, bucket.RestoreRate);
        Assert.AreEqual(666, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void A_call_the_bucket_can_pay_for_does_not_wait_and_spends_its_cost()
    {
        var bucket = Observed(maximum: 100, available: 50, rate: 10);

        Assert.AreEqual(TimeSpan.Zero, bucket.Reserve(30, T0));
        Assert.AreEqual(20, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void A_call_the_bucket_cannot_pay_for_waits_until_the_restore_rate_refills_it()
    {
        var bucket = Observed(maximum: 100, available: 5, rate: 10);

        var wait = bucket.Reserve(25, T0);

        Assert.AreEqual(2.0, (wait - ShopifyCostBucket.Margin).TotalSeconds, 0.001); // 20 points missing at 10 per second
    }

    [TestMethod]
    public void Concurrent_callers_queue_one_behind_the_other()
    {
        var bucket = Observed(maximum: 100, available: 10, rate: 10);

        var first = bucket.Reserve(10, T0);
        var second = bucket.Reserve(10, T0);
        var third = bucket.Reserve(10, T0);

        Assert.AreEqual(TimeSpan.Zero, first);
        Assert.AreEqual(1.0, (second - ShopifyCostBucket.Margin).TotalSeconds, 0.001);
        Assert.AreEqual(2.0, (third - ShopifyCostBucket.Margin).TotalSeconds, 0.001);
    }

    [TestMethod]
    public void The_level_refills_over_time_but_never_beyond_the_bucket_size()
    {
        var bucket = Observed(maximum: 100, available: 0, rate: 10);

        Assert.AreEqual(50, bucket.EstimatedAvailable(T0.AddSeconds(5)));
        Assert.AreEqual(100, bucket.EstimatedAvailable(T0.AddMinutes(5)));
    }

    [TestMethod]
    public void A_cost_above_the_bucket_size_waits_only_for_a_full_bucket()
    {
        var bucket = Observed(maximum: 100, available: 0, rate: 10);

        Assert.AreEqual(10.0, (bucket.Reserve(5000, T0) - ShopifyCostBucket.Margin).TotalSeconds, 0.001);
    }

    [TestMethod]
    public void While_other_calls_are_in_flight_the_lower_estimate_is_kept()
    {
        var bucket = Observed(maximum: 100, available: 100, rate: 10);
        bucket.Reserve(40, T0); // a
        bucket.Reserve(40, T0); // b: estimate now 20

        bucket.Observe(100, 60, 10, T0); // a's answer, before b reached the store

        Assert.AreEqual(20, bucket.EstimatedAvailable(T0));
        bucket.Observe(100, 20, 10, T0); // b's answer: nothing in flight, the store's word is taken
        Assert.AreEqual(20, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void Without_calls_in_flight_the_reported_level_replaces_the_estimate()
    {
        var bucket = Observed(maximum: 100, available: 10, rate: 10);
        bucket.Reserve(10, T0);
        bucket.Observe(100, 90, 10, T0); // the store charged less than requested (actualQueryCost)

        Assert.AreEqual(90, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public async Task Parallel_reservations_are_counted_once_each()
    {
        var bucket = Observed(maximum: 1000, available: 1000, rate: 1);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => bucket.Reserve(5, T0))));

        Assert.AreEqual(500, bucket.EstimatedAvailable(T0));
    }

    private static ShopifyCostBucket Observed(double maximum, double available, double rate)
    {
        var bucket = new ShopifyCostBucket();
        bucket.Reserve(0, T0);
        bucket.Observe(maximum, available, rate, T0);
        return bucket;
    }
}
