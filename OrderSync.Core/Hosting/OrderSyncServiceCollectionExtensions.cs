using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Execution;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orchestration;
using OrderSync.Core.Orchestration.Durable;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Platforms.Resilience;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Platforms.Stripe;
using OrderSync.Core.Storage;
using OrderSync.Core.Polling;
using OrderSync.Core.Telemetry;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;
using OrderSync.Core.Webhooks.ShipHero;
using OrderSync.Core.Webhooks.Shopify;
using OrderSync.Core.Webhooks.Stripe;

namespace OrderSync.Core.Hosting;

public static class OrderSyncServiceCollectionExtensions
{
    /// <summary>Registers all of OrderSync's core, with every setting validated when the host starts. Both shells call this.</summary>
    public static IServiceCollection AddOrderSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShopifyOptions>().Bind(configuration.GetSection(ShopifyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShipHeroOptions>().Bind(configuration.GetSection(ShipHeroOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngressOptions>().Bind(configuration.GetSection(IngressOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateDataAnnotations()
            .Validate(w => w.VisibilityTimeout > w.CommandLease, "OrderSync:Worker:VisibilityTimeout must be longer than OrderSync:Worker:CommandLease.")
            .ValidateOnStart();
        services.AddOptions<SyncConfiguration>().Bind(configuration.GetSection(SyncConfiguration.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncConfiguration>, SyncConfigurationValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StorageClients.Tables(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new OrderStore(StorageClients.TablesForWork(sp.GetRequiredService<IOptions<StorageOptions>>().Value),
            sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OrderCheckpoints>();
        services.AddSingleton<OrderActivities>();
        services.AddSingleton<WebhookDeduplicator>();
        services.AddSingleton<CorrelationStore>();
        services.AddSingleton<UnmatchedSignals>();
        services.AddSingleton<SignalRouter>();
        services.AddSingleton<StorageQueueSignalQueue>();
        services.AddSingleton<PoisonQueue>();
        services.AddSingleton<ISignalQueue>(sp => sp.GetRequiredService<StorageQueueSignalQueue>());
        services.AddSingleton<IPoisonedSignals>(sp => sp.GetRequiredService<PoisonQueue>());
        services.AddSingleton<TrackingCursorStore>();
        services.AddSingleton<StorageInitializer>();

        services.AddSingleton<IWebhookSource, ShopifyWebhookSource>();
        services.AddSingleton<IWebhookSource, StripeWebhookSource>();
        services.AddSingleton<IWebhookSource, ShipHeroWebhookSource>();
        services.AddSingleton<IWebhookSource, HttpVendorWebhookSource>();
        services.AddPayPalWebhooks(configuration);
        services.AddSingleton<WebhookIngress>();

        services.AddHttpClient<ShopifyGraphQlClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<ShopifyOptions>>().Value.RequestTimeout)
            .UsePlatformHandler().AddOrderSyncResilience(Platform.Shopify, configuration);
        services.AddSingleton<ShopifyVendorOrders>();
        services.AddHttpClient<StripeShipping>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<StripeOptions>>().Value.RequestTimeout)
            .UsePlatformHandler().AddOrderSyncResilience(Platform.Stripe, configuration);
        services.AddHttpClient(nameof(ShipHeroTokens), (sp, http) => http.Timeout = sp.GetRequiredService<IOptions<ShipHeroOptions>>().Value.RequestTimeout)
            .UsePlatformHandler();
        services.AddSingleton(sp => new ShipHeroTokens( // one token cache per process
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ShipHeroTokens)), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ShipHeroGraphQlClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<ShipHeroOptions>>().Value.RequestTimeout)
            .UsePlatformHandler().AddOrderSyncResilience(Platform.ShipHero, configuration);
        services.AddSingleton<ShipHeroVendorOrders>();
        services.AddHttpClient<HttpVendorClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .UsePlatformHandler().AddOrderSyncResilience(Platform.HttpVendor, configuration);
        services.AddSingleton<ShopifyVendorOrderUpdates>();
        services.AddSingleton<ShopifyVendorOrderEdits>();
        services.AddSingleton<ShopifyVendorOrderCancellation>();
        services.AddSingleton<ShopifyVendorFulfillments>();
        services.AddSingleton<ShopifyCostBuckets>();
        services.AddOptions<ShopifyMerchantOptions>().Bind(configuration.GetSection(ShopifyMerchantOptions.Section)).ValidateDataAnnotations();
        services.AddOptions<ShopifyPaymentReferenceOptions>().Bind(configuration.GetSection(ShopifyPaymentReferenceOptions.Section));
        services.AddSingleton<ShopifyMerchantOrders>();
        services.AddSingleton<MerchantDirectory>();
        services.AddSingleton<VendorOrderCommands>();
        services.AddSingleton<ShopifyTrackingReport>();
        services.AddSingleton<PayPalTrackingReport>();
        services.AddSingleton<StripeTrackingReport>();
        services.AddSingleton<PaymentReferenceLookup>();
        services.AddSingleton<CommandExecutor>();
        services.AddSingleton<OrderSignalProcessor>();
        services.AddSingleton<OperatorRequests>();
        services.AddOptions<TrackingPollOptions>().Bind(configuration.GetSection(TrackingPollOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ShipHeroShipments>();
        services.AddSingleton<IShipmentFeed, ShopifyShipmentFeed>();
        services.AddSingleton<IShipmentFeed, ShipHeroShipmentFeed>();
        services.AddSingleton<IShipmentFeed, HttpVendorShipmentFeed>();
        services.AddSingleton<TrackingPoller>();
        services.AddSingleton<StorageHealth>();
        services.AddOptions<OrderGaugeOptions>().Bind(configuration.GetSection(OrderGaugeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderGauges>();
        services.AddSingleton<OrderGaugeRefresher>();
        services.AddSingleton<ShopifyMerchantOrderSnapshots>();
        services.AddOptions<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderBackfill>();
        return services;
    }
}
