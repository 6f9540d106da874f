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
    public void While_nothing_is_known_one_call_probes_and_the_others_hold_back()
    {
        var bucket = new ShopifyCostBucket();

        Assert.IsTrue(bucket.TryReserve(10, T0, out _));
        Assert.IsFalse(bucket.TryReserve(10, T0, out _), "a second caller waits for the probe's answer");
        bucket.Observe(100, 90, 10, T0);
        Assert.IsTrue(bucket.TryReserve(10, T0, out var wait));
        Assert.AreEqual(TimeSpan.Zero, wait);
    }

    [TestMethod]
    public void Never_more_points_are_in_flight_than_the_bucket_holds_however_fast_it_refills()
    {
        var bucket = Observed(maximum: 15, available: 15, rate: 500);

        for (var i = 0; i < 5; i++) Assert.IsTrue(bucket.TryReserve(3, T0.AddMilliseconds(i * 10), out _), $"call {i + 1} of 3 points");
        Assert.IsFalse(bucket.TryReserve(3, T0.AddMilliseconds(60), out _), "a sixth call of 3 points would put 18 in flight against a bucket of 15");

        bucket.Observe(15, 12, 500, T0.AddMilliseconds(70), reservedCost: 3, actualCost: 3);
        Assert.IsTrue(bucket.TryReserve(3, T0.AddMilliseconds(70), out _), "once one has answered, the next may go");
    }

    [TestMethod]
    public void A_probe_that_failed_lets_the_next_caller_probe()
    {
        var bucket = new ShopifyCostBucket();
        bucket.TryReserve(10, T0, out _);

        bucket.Release();

        Assert.IsTrue(bucket.TryReserve(10, T0, out _));
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
    public void A_report_older_than_calls_already_sent_does_not_raise_the_estimate()
    {
        var bucket = Observed(maximum: 100, available: 100, rate: 10);
        bucket.Reserve(40, T0); // a
        bucket.Reserve(40, T0); // b: estimate now 20

        bucket.Observe(100, 60, 10, T0, reservedCost: 40, actualCost: 40); // a's answer, from before b reached the store

        Assert.AreEqual(20, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void A_lower_report_lowers_the_estimate()
    {
        var bucket = Observed(maximum: 100, available: 100, rate: 10);
        bucket.Reserve(10, T0);

        bucket.Observe(100, 30, 10, T0, reservedCost: 10, actualCost: 10); // someone else spends from the same bucket

        Assert.AreEqual(30, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void What_the_store_did_not_charge_is_given_back()
    {
        var bucket = Observed(maximum: 100, available: 50, rate: 10);
        bucket.Reserve(30, T0); // estimate 20

        bucket.Observe(100, 48, 10, T0, reservedCost: 30, actualCost: 2);

        Assert.AreEqual(48, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void A_THROTTLED_call_was_not_charged()
    {
        var bucket = Observed(maximum: 100, available: 5, rate: 10);
        bucket.Reserve(30, T0); // estimate -25

        bucket.Observe(100, 5, 10, T0, reservedCost: 30, actualCost: null);

        Assert.AreEqual(5, bucket.EstimatedAvailable(T0));
    }

    [TestMethod]
    public void A_clock_read_late_by_a_racing_caller_does_not_count_the_refill_twice()
    {
        var bucket = Observed(maximum: 100, available: 0, rate: 10);
        bucket.Reserve(0, T0.AddSeconds(2)); // caller A read the clock at +2 s
        bucket.Reserve(0, T0.AddSeconds(1)); // caller B read it earlier but took the lock after A

        Assert.AreEqual(20, bucket.EstimatedAvailable(T0.AddSeconds(2)));
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
