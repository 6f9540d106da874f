using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Core.Platforms.ShipHero;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Platforms.Stripe;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Tests.Integration.Resilience;

/// <summary>
/// Every platform client's primary handler, as the factory builds it. An IHttpMessageHandlerBuilderFilter sees the
/// HttpMessageHandlerBuilder after the client's own configuration ran (ConfigurePrimaryHttpMessageHandler included), so
/// the handler is read from the public HttpMessageHandlerBuilder.PrimaryHandler, not dug out of the built chain by reflection.
/// </summary>
[TestClass]
public sealed class PlatformHandlerTests
{
    private sealed class PrimaryHandlers : IHttpMessageHandlerBuilderFilter
    {
        public ConcurrentDictionary<string, HttpMessageHandler> ByClient { get; } = new();

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            ByClient[builder.Name!] = builder.PrimaryHandler;
        };
    }

    [TestMethod]
    [DataRow(nameof(ShopifyGraphQlClient))]
    [DataRow(nameof(StripeShipping))]
    [DataRow(nameof(ShipHeroTokens))]
    [DataRow(nameof(ShipHeroGraphQlClient))]
    [DataRow(nameof(HttpVendorClient))]
    [DataRow(nameof(PayPalCertificateClient))]
    [DataRow(nameof(PayPalApiClient))]
    [DataRow(nameof(PayPalTracking))]
    public void The_client_recycles_its_pooled_connections(string client)
    {
        var handlers = new PrimaryHandlers();
        using var services = PlatformClientHost.Build(new Dictionary<string, string?>
        {
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ApiBaseUrl"] = "https://api-m.sandbox.paypal.com",
            ["OrderSync:PayPal:ClientId"] = "client",
            ["OrderSync:PayPal:ClientSecret"] = "secret",
        }, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter>(handlers));

        services.GetRequiredService<IHttpClientFactory>().CreateClient(client).Dispose();

        var primary = handlers.ByClient[client] as SocketsHttpHandler;
        Assert.IsNotNull(primary, $"{client}: {handlers.ByClient[client].GetType().Name}");
        Assert.AreEqual(PlatformHttpHandler.PooledConnectionLifetime, primary.PooledConnectionLifetime);
        if (client.StartsWith("PayPal", StringComparison.Ordinal)) Assert.IsFalse(primary.AllowAutoRedirect, "PayPal's own handler settings are kept");
    }
}
