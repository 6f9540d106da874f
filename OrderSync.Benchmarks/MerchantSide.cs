using OrderSync.Sandbox.Hosting;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;

namespace OrderSync.Benchmarks;

/// <summary>One order of a run as the merchant's world holds it: the store's order, its PayPal capture and its Stripe PaymentIntent.</summary>
public sealed record MerchantOrder(int Index, SimulatedMerchantOrder Order, string CaptureId, string PaymentIntent)
{
    /// <summary>The order's numeric id, as its webhooks and the vendor order's sourceIdentifier name it.</summary>
    public string OrderId => Order.Id[(Order.Id.LastIndexOf('/') + 1)..];

    /// <summary>The tracking number its vendor ships it with (<paramref name="shipment"/> 0 for the first of several).</summary>
    public string TrackingNumber => ShipmentTrackingNumber(0);

    public string ShipmentTrackingNumber(int shipment) => $"1ZBENCH{shipment}{Index:D9}";
}

/// <summary>
/// The merchant's side of a run: its own store on the Shopify simulator, PayPal and Stripe (both unchecked against their
/// specifications, which the tests do). Each order was paid in two parts, by PayPal and by Stripe, so one shipment is
/// reported to all three: a Shopify fulfillment, a PayPal tracker on the capture, tracking on the PaymentIntent.
/// </summary>
public sealed class MerchantSide : IAsyncDisposable
{
    private const string PayPalClientId = "bench-client";
    private const string PayPalClientSecret = "bench-secret";
    private const string StripeKey = "sk_test_bench";

    private MerchantSide(PayPalSimulator payPal, StripeSimulator stripe)
    {
        PayPal = payPal;
        Stripe = stripe;
        StripeAccount = stripe.AddAccount(StripeKey);
    }

    public PayPalSimulator PayPal { get; }

    public StripeSimulator Stripe { get; }

    public SimulatedStripeAccount StripeAccount { get; }

    /// <summary>The merchant's store, once <see cref="Configure"/> has added it.</summary>
    public SimulatedShopifyStore Store { get; private set; } = null!;

    public static async Task<MerchantSide> StartAsync()
    {
        var payPal = await PayPalSimulator.StartHttpAsync(PayPalClientId, PayPalClientSecret, checkSchemas: false);
        return new MerchantSide(payPal, await StripeSimulator.StartAsync());
    }

    /// <summary>Adds the merchant store (a bucket that never runs dry) and points the host at it, PayPal and Stripe.</summary>
    public void Configure(ShopifyAdminSimulator shopify, Dictionary<string, string> settings)
    {
        var token = "shpat_" + Guid.NewGuid().ToString("N");
        Store = shopify.AddStore(ShopifyWebhookBuilder.MerchantShop, token, CostBucket.Unlimited.MaximumAvailable, CostBucket.Unlimited.RestoreRate);
        settings["OrderSync:Merchants:0:AdminApiBaseUrl"] = shopify.AdminBaseUrl(ShopifyWebhookBuilder.MerchantShop).ToString();
        settings["OrderSync:Merchants:0:AccessToken"] = token;
        settings["OrderSync:PayPal:WebhookId"] = "BENCHWEBHOOK1";
        settings["OrderSync:PayPal:Verification"] = "Online";
        settings["OrderSync:PayPal:ApiBaseUrl"] = PayPal.BaseUrl.ToString();
        settings["OrderSync:PayPal:ClientId"] = PayPalClientId;
        settings["OrderSync:PayPal:ClientSecret"] = PayPalClientSecret;
        settings["OrderSync:Stripe:ApiKey"] = StripeKey;
        settings["OrderSync:Stripe:ApiBase"] = Stripe.BaseUrl.AbsoluteUri;
    }

    /// <summary>Seeds order <paramref name="index"/>: <paramref name="units"/> of the mapped product, paid by a PayPal capture and a Stripe PaymentIntent.</summary>
    public MerchantOrder Seed(int index) => Seed(index, units: 1);

    public MerchantOrder Seed(int index, int units)
    {
        var (_, captureId) = PayPal.SeedCapturedOrder();
        var paymentIntent = $"pi_3Bench{index:D10}";
        StripeAccount.AddPaymentIntent(paymentIntent);
        var order = Store.SeedMerchantOrder($"#B{index + 1}", [new SeedLine(LocalShellSettings.MerchantSku, "IPod Nano - 8GB", units)],
        [
            new SeedTransaction("paypal", "SALE", "SUCCESS", AuthorizationCode: captureId),
            new SeedTransaction("stripe", "SALE", "SUCCESS", ReceiptJson: $$"""{"payment_intent":"{{paymentIntent}}"}"""),
        ]);
        return new MerchantOrder(index, order, captureId, paymentIntent);
    }

    public async ValueTask DisposeAsync()
    {
        await PayPal.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
