using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Platforms.Stripe;
using OrderSync.Core.Storage;
using OrderSync.Sandbox.HttpVendor;
using OrderSync.Sandbox.PayPal;
using OrderSync.Sandbox.ShipHero;
using OrderSync.Sandbox.Shopify;
using OrderSync.Sandbox.Stripe;
using OrderSync.Tests.Integration.PayPal;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>The simulators a command executor talks to, started once per test class.</summary>
internal sealed class ExecutorSimulators : IAsyncDisposable
{
    public const string HttpVendorSecret = "vendor_test_secret_1";

    private ExecutorSimulators(ShopifyAdminSimulator shopify, ShipHeroSimulator shipHero, HttpVendorSimulator http, PayPalSimulator paypal, StripeSimulator stripe) =>
        (Shopify, ShipHero, Http, PayPal, Stripe) = (shopify, shipHero, http, paypal, stripe);

    public ShopifyAdminSimulator Shopify { get; }
    public ShipHeroSimulator ShipHero { get; }
    public HttpVendorSimulator Http { get; }
    public PayPalSimulator PayPal { get; }
    public StripeSimulator Stripe { get; }

    public static async Task<ExecutorSimulators> StartAsync() => new(
        await TestSimulators.ShopifyAsync(), await ShipHeroSimulator.StartAsync(), await HttpVendorSimulator.StartAsync(HttpVendorSecret),
        await PayPalSimulator.StartAsync(PayPalTestSources.ClientId, PayPalTestSources.ClientSecret), await StripeSimulator.StartAsync());

    public async ValueTask DisposeAsync()
    {
        await ShipHero.DisposeAsync();
        await Http.DisposeAsync();
        await PayPal.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>
/// One test's world: a merchant store and a vendor store of its own on the Shopify simulator, a ShipHero vendor, an HTTP
/// vendor, a Stripe account, its own correlation tables, and the command executor wired to all of them as AddOrderSync wires it.
/// </summary>
internal sealed class ExecutorKit
{
    public const string ShopifyVendor = "shop-vendor";
    public const string ShipHeroVendor = "shiphero-vendor";
    public const string HttpVendor = "http-vendor";
    private const string Token = "shpat_executor_token";

    private ExecutorKit(ExecutorSimulators simulators, string merchantShop, string vendorShop, string stripeKey, RecordingSignalQueue queue,
        (CorrelationStore Correlations, UnmatchedSignals Unmatched, SignalRouter Router) routing)
    {
        Simulators = simulators;
        MerchantShop = merchantShop;
        Merchant = simulators.Shopify.AddStore(merchantShop, Token);
        VendorStore = simulators.Shopify.AddStore(vendorShop, Token);
        StripeAccount = simulators.Stripe.AddAccount(stripeKey);
        Configuration = new SyncConfiguration
        {
            Merchants = [new MerchantOptions { Shop = merchantShop, AdminApiBaseUrl = simulators.Shopify.AdminBaseUrl(merchantShop), AccessToken = Token }],
            Vendors =
            [
                new VendorOptions { Id = ShopifyVendor, ShopDomain = vendorShop, AdminApiBaseUrl = simulators.Shopify.AdminBaseUrl(vendorShop), AccessToken = Token },
                new VendorOptions { Id = ShipHeroVendor, Kind = VendorKind.ShipHero, ApiBaseUrl = simulators.ShipHero.BaseUrl, Username = "api@3pl.example", Password = "sh-test-password" },
                new VendorOptions { Id = HttpVendor, Kind = VendorKind.HttpVendor, ApiBaseUrl = simulators.Http.BaseUrl, WebhookSecrets = [ExecutorSimulators.HttpVendorSecret] },
            ],
        };
        Queue = queue;
        (Correlations, Unmatched, Router) = routing;
        StripeKey = stripeKey;
    }

    public ExecutorSimulators Simulators { get; }
    public string MerchantShop { get; }
    public SimulatedShopifyStore Merchant { get; }
    public SimulatedShopifyStore VendorStore { get; }
    public SimulatedStripeAccount StripeAccount { get; }
    public string StripeKey { get; }
    public SyncConfiguration Configuration { get; }
    public CorrelationStore Correlations { get; }
    public UnmatchedSignals Unmatched { get; }
    public RecordingSignalQueue Queue { get; }
    public SignalRouter Router { get; }

    public static async Task<ExecutorKit> StartAsync(ExecutorSimulators simulators)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var queue = new RecordingSignalQueue();
        var routing = await TestRouting.TablesAsync(await TestStorage.IsolatedAsync(), queue);
        return new ExecutorKit(simulators, $"merchant-{unique}.myshopify.com", $"vendor-{unique}.myshopify.com", $"sk_test_{unique}", queue, routing);
    }

    /// <summary>
    /// The executor over this kit's configuration; <paramref name="configure"/> changes it first (e.g. to drop a credential);
    /// <paramref name="handler"/>, when given, carries the platform calls (other than PayPal's).
    /// </summary>
    public CommandExecutor Executor(Action<SyncConfiguration>? configure = null, bool withPayPal = true, TimeSpan? timeout = null,
        HttpMessageHandler? handler = null)
    {
        configure?.Invoke(Configuration);
        var directory = Directory();
        var http = new HttpClient(handler ?? new SocketsHttpHandler()) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        var shopify = new ShopifyGraphQlClient(http, TestStorage.Wrap(new ShopifyOptions()), TimeProvider.System);
        var shipHero = new ShipHeroGraphQlClient(http, new ShipHeroTokens(http, TimeProvider.System), TestStorage.Wrap(new ShipHeroOptions()), TimeProvider.System);
        var merchantOrders = new ShopifyMerchantOrders(shopify, TestStorage.Wrap(new ShopifyMerchantOptions()));
        return new CommandExecutor(
            new VendorOrderCommands(directory, new ShopifyVendorOrders(shopify), new ShopifyVendorOrderUpdates(shopify), new ShopifyVendorOrderEdits(shopify),
                new ShopifyVendorOrderCancellation(shopify), new ShipHeroVendorOrders(shipHero), new HttpVendorClient(http, TimeProvider.System), Router),
            new ShopifyTrackingReport(directory, merchantOrders),
            new PayPalTrackingReport(withPayPal ? PayPalClient(timeout) : null),
            new StripeTrackingReport(new StripeShipping(http, TestStorage.Wrap(new StripeOptions { ApiKey = StripeKey, ApiBase = Simulators.Stripe.BaseUrl }), TimeProvider.System)),
            new PaymentReferenceLookup(directory, merchantOrders, TestStorage.Wrap(new ShopifyPaymentReferenceOptions()), Router));
    }

    /// <summary>The merchants' settings and vendors' connections of this kit's configuration, as it is now.</summary>
    public MerchantDirectory Directory() => new(TestStorage.Wrap(Configuration));

    public OrderKey OrderKeyOf(SimulatedMerchantOrder order) => new(MerchantShop, ShopifyIds.Numeric(order.Id));

    private PayPalTracking PayPalClient(TimeSpan? timeout)
    {
        var options = TestStorage.Wrap(PayPalTestSources.OnlineOptions(Simulators.PayPal, "WH-EXECUTOR"));
        var api = new PayPalApiClient(new HttpClient(Simulators.PayPal.CreateHandler()), options, TimeProvider.System);
        var http = new HttpClient(Simulators.PayPal.CreateHandler()) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new PayPalTracking(http, new PayPalAccessTokens(api, options, TimeProvider.System), options, TimeProvider.System);
    }
}
