using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;

namespace OrderSync.Benchmarks.Reliability;

/// <summary>
/// Chaos: random order flows (<see cref="ChaosFlow"/>) through an ingress-only host and two worker processes, one of them
/// killed (SIGKILL) at random moments and started again, while every platform fails at random: 429 with Retry-After, 5xx,
/// calls that time out before their effect, and answers lost after it. At the end every flow's effects at the simulators
/// (vendor orders, merchant fulfillments, PayPal trackers, Stripe writes) are compared with what it should have produced.
/// </summary>
public static class ChaosRun
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(3); // longer than the attempt timeout below
    private static readonly TimeSpan StepWait = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<ChaosFigures> RunAsync(bool quick, int seed, TextWriter log)
    {
        var (count, rate) = (quick ? 100 : 1000, quick ? 10.0 : 20.0);
        var random = new Random(seed);
        await using var merchant = await MerchantSide.StartAsync();
        await using var world = await BenchmarkWorld.StartAsync("Outbox", new WorldShape(Worker: false, Configure: (shopify, settings) =>
        {
            merchant.Configure(shopify, settings);
            settings["OrderSync:Worker:VisibilityTimeout"] = "00:00:10";
            settings["OrderSync:Worker:CommandLease"] = "00:00:04";
            foreach (var platform in new[] { "Shopify", "PayPal", "Stripe" }) settings[$"OrderSync:Resilience:{platform}:AttemptTimeout"] = "00:00:02";
            settings["OrderSync:Stripe:RequestTimeout"] = "00:00:02";
            // Faults come every few hundred milliseconds: retried from 30 s, doubling, the flows would take an hour to settle.
            settings["OrderSync:Retry:Initial"] = "00:00:02";
            settings["OrderSync:Retry:Maximum"] = "00:00:15";
        }));
        var workers = new List<Sandbox.Hosting.LocalHostProcess> { await world.AddWorkerAsync(), await world.AddWorkerAsync() };
        using var pushes = new PushRecorder(world.Vendor);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var flows = Enumerable.Range(0, count).Select(i => ChaosFlow.Draw(random, merchant, i)).ToList();
        log.WriteLine($"chaos: {count} flows at {rate}/s (seed {seed}): {string.Join(", ", flows.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key}"))}");

        using var stop = new CancellationTokenSource();
        var faults = InjectFaultsAsync(new Random(random.Next()), world, merchant, stop.Token);
        var kills = KillAndRestartAsync(new Random(random.Next()), world, workers, stop.Token);
        var driven = await OpenLoop.RunAsync(count, rate, Stopwatch.GetTimestamp(),
            async (i, due) => { await DriveAsync(flows[i], world, pushes, http, new Random(seed + i)); return new Ack(i, due, Stopwatch.GetTimestamp(), 200, null); });
        log.WriteLine("chaos: every flow's webhooks sent; faults and kills stop (faults not played yet are dropped); the orders settle");
        await stop.CancelAsync();
        var injected = await faults;
        world.Vendor.ClearFaults();
        merchant.Store.ClearFaults();
        merchant.PayPal.ClearFaults();
        merchant.StripeAccount.ClearFaults();
        var settle = Stopwatch.StartNew();
        var effects = await SettleAsync(flows, world, merchant, quick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(10));
        var killed = await kills;
        log.WriteLine($"chaos: settled in {settle.Elapsed.TotalSeconds:F0} s");

        var compared = flows.Select((f, i) => effects[i].Against(f)).ToList();
        var notSettled = flows.Select((f, i) => (f, e: effects[i])).Where(x => !Settled(x.f, x.e)).ToList();
        foreach (var (flow, effect) in notSettled.Take(10))
            log.WriteLine($"chaos: order {flow.Order.OrderId} ({flow.Kind}{(flow.Redelivered ? ", redelivered" : "")}{(flow.Reordered ? ", reordered" : "")}): {effect}");
        if (notSettled.Count > 0)
        {
            var kept = await OpsViews.KeepAsync(world, "chaos-orders", notSettled.Select(x => x.f.Order.OrderId));
            log.WriteLine($"chaos: the ops view of the {notSettled.Count} orders not as expected is in {kept}");
        }
        return new ChaosFigures(seed, count, killed, injected, compared.Sum(c => c.Expected), compared.Sum(c => c.Seen), compared.Sum(c => c.Lost),
            compared.Sum(c => c.Doubled), notSettled.Count(x => x.e.Status is "failed" or "attention"), notSettled.Count);
    }

    private static async Task DriveAsync(ChaosFlow flow, BenchmarkWorld world, PushRecorder pushes, HttpClient http, Random random)
    {
        async Task Send(ShopifyWebhookBuilder webhook)
        {
            await WebhookPoster.SendUntilAcceptedAsync(http, world.Host.BaseUrl, webhook, flow.Order.Index, Stopwatch.GetTimestamp(), GiveUp);
            if (flow.Redelivered) await WebhookPoster.SendUntilAcceptedAsync(http, world.Host.BaseUrl, webhook, flow.Order.Index, Stopwatch.GetTimestamp(), GiveUp);
        }

        if (flow.Reordered) await Send(BenchmarkOrders.Updated(flow.Order));
        await Send(BenchmarkOrders.Placed(flow.Order));
        if (flow.Kind == FlowKind.Cancelled)
        {
            await Task.Delay(random.Next(0, 2000));
            await Send(BenchmarkOrders.Cancelled(flow.Order));
            return;
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(StepWait.TotalSeconds * Stopwatch.Frequency);
        while (pushes.VendorOrderOf(flow.Order.OrderId) is null && Stopwatch.GetTimestamp() < deadline) await Task.Delay(100);
        if (pushes.VendorOrderOf(flow.Order.OrderId) is not { } vendorOrder) return; // never pushed: counted as lost at the end
        for (var shipment = 0; shipment < flow.Shipments; shipment++)
        {
            await Task.Delay(random.Next(0, 1000));
            await Send(BenchmarkOrders.Shipped(world.Vendor, vendorOrder, flow.Order, shipment));
        }
    }

    /// <summary>One fault every 100 to 400 ms, on a random platform call OrderSync makes.</summary>
    private static async Task<int> InjectFaultsAsync(Random random, BenchmarkWorld world, MerchantSide merchant, CancellationToken stop)
    {
        var injected = 0;
        while (!stop.IsCancellationRequested)
        {
            switch (random.Next(5))
            {
                case 0: world.Vendor.FailNext("orderCreate", ShopifyFault(random)); break;
                case 1: merchant.Store.FailNext(random.Next(2) == 0 ? "fulfillmentCreate" : "order", ShopifyFault(random)); break;
                case 2: merchant.PayPal.FailNext(random.Next(2) == 0 ? "trackers-batch" : "legacy-tracker", PayPalFault(random)); break;
                default: merchant.StripeAccount.FailNext(random.Next(3) == 0 ? "GET" : "POST", StripeFault(random)); break;
            }
            injected++;
            try { await Task.Delay(random.Next(100, 400), stop); }
            catch (OperationCanceledException) { }
        }
        return injected;
    }

    private static ShopifyFault ShopifyFault(Random random) => random.Next(4) switch
    {
        0 => new ShopifyFault.RateLimited(1),
        1 => new ShopifyFault.ServerError(503),
        2 => new ShopifyFault.StallBeforeEffect(Stall),
        _ => new ShopifyFault.StallAfterEffect(Stall),
    };

    private static PayPalFault PayPalFault(Random random) => random.Next(4) switch
    {
        0 => new PayPalFault.RateLimited(1),
        1 => new PayPalFault.ServerError(503),
        2 => new PayPalFault.Stall(Stall),
        _ => new PayPalFault.StallAfterEffect(Stall),
    };

    private static StripeFault StripeFault(Random random) => random.Next(4) switch
    {
        0 => new StripeFault.RateLimited(1),
        1 => new StripeFault.ServerError(503),
        2 => new StripeFault.StallBeforeEffect(Stall),
        _ => new StripeFault.StallAfterEffect(Stall),
    };

    /// <summary>Kills the first worker (SIGKILL, as a crash) every 1.5 to 4 s and starts a new one in its place, until asked to stop.</summary>
    private static async Task<int> KillAndRestartAsync(Random random, BenchmarkWorld world, List<Sandbox.Hosting.LocalHostProcess> workers, CancellationToken stop)
    {
        var kills = 0;
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(random.Next(1500, 4000), stop); }
            catch (OperationCanceledException) { break; }
            await workers[0].KillAsync();
            kills++;
            workers[0] = await RestartAsync(world);
        }
        return kills;
    }

    /// <summary>
    /// Starts the worker again as a service manager would: a host whose start-up fails (its storage set-up timed out on a
    /// loaded Azurite; it exits) is started again a second later, up to five times.
    /// </summary>
    private static async Task<Sandbox.Hosting.LocalHostProcess> RestartAsync(BenchmarkWorld world)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await world.AddWorkerAsync(); }
            catch (Exception e) when (attempt < 5 && e is InvalidOperationException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Waits until every flow shows its expected effects and status, or <paramref name="timeout"/>; then reads them all.</summary>
    private static async Task<IReadOnlyList<FlowEffects>> SettleAsync(List<ChaosFlow> flows, BenchmarkWorld world, MerchantSide merchant, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = world.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var statuses = new string?[flows.Count];
        while (true)
        {
            var effects = Effects(flows, world, merchant, statuses);
            // The ops API is asked only about flows whose effects are in, and again until their status is.
            for (var i = 0; i < flows.Count; i++)
                if (effects[i].Against(flows[i]) is { Lost: 0, Doubled: 0 } && !Settled(flows[i], effects[i]))
                    effects[i] = effects[i] with { Status = statuses[i] = await StatusAsync(http, flows[i]) };
            var done = flows.Select((f, i) => Settled(f, effects[i])).All(s => s);
            if (done || Stopwatch.GetTimestamp() > deadline)
            {
                for (var i = 0; i < flows.Count; i++) if (!Settled(flows[i], effects[i])) effects[i] = effects[i] with { Status = await StatusAsync(http, flows[i]) };
                return effects;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static bool Settled(ChaosFlow flow, FlowEffects effects) =>
        effects.Against(flow) is { Lost: 0, Doubled: 0 } && effects.Status == (flow.Kind == FlowKind.Cancelled ? "cancelled" : "completed");

    /// <summary>Every flow's effects as the simulators hold them now, with the status last read for it.</summary>
    private static List<FlowEffects> Effects(List<ChaosFlow> flows, BenchmarkWorld world, MerchantSide merchant, string?[] statuses)
    {
        var vendorSide = world.Vendor.VendorSide();
        var vendorOrders = world.Vendor.Orders.ToLookup(o => BenchmarkOrders.MerchantOrderId(o) ?? "");
        var trackers = merchant.PayPal.CurrentBatchTrackers.GroupBy(t => t.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        return [.. flows.Select((flow, i) =>
        {
            var mine = vendorOrders[flow.Order.OrderId].ToList();
            var intent = merchant.StripeAccount.PaymentIntent(flow.Order.PaymentIntent);
            return new FlowEffects(mine.Count, mine.Any(o => vendorSide.Order(o.Id)?.CancelledAt is not null),
                merchant.Store.FulfillmentsOf(flow.Order.Order.Id).Count, trackers.GetValueOrDefault(flow.Order.CaptureId), intent.Updates,
                intent.Shipping?.TrackingNumber?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], statuses[i]);
        })];
    }

    private static async Task<string?> StatusAsync(HttpClient http, ChaosFlow flow)
    {
        try
        {
            var order = await http.GetFromJsonAsync<JsonNode>($"api/orders/{ShopifyWebhookBuilder.MerchantShop}/{flow.Order.OrderId}");
            return order?["status"]?.GetValue<string>();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

/// <param name="Kills">Worker processes killed with SIGKILL (and started again).</param>
/// <param name="Faults">Platform faults queued (each played by the next matching call, if one comes).</param>
/// <param name="VisibleWithReason">Flows not as expected but shown failed or needing attention, with their reason, in the ops API.</param>
/// <param name="NotAsExpected">Flows whose effects or status differ from what they should have produced.</param>
public sealed record ChaosFigures(int Seed, int Flows, int Kills, int Faults, int EffectsExpected, int EffectsSeen, int Lost, int Doubled,
    int VisibleWithReason, int NotAsExpected)
{
    public bool Passed => Lost == 0 && Doubled == 0 && NotAsExpected == VisibleWithReason;

    public override string ToString() =>
        $"{Flows} flows, {Kills} kills, {Faults} faults injected; effects expected {EffectsExpected}, seen {EffectsSeen}; lost {Lost}, doubled {Doubled}; " +
        $"{NotAsExpected} not as expected ({VisibleWithReason} of them visible as failed or attention)";
}
