using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Resilience;
using OrderSync.Core.Platforms.PayPal;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Core.Hosting;

internal static class PayPalServiceCollectionExtensions
{
    /// <summary>
    /// The PayPal webhook source, when "OrderSync:PayPal" is configured (validated at start-up); without that section
    /// POST /api/webhooks/paypal answers 404. The clients' handler (<see cref="PlatformHttpHandler"/>) never follows a redirect.
    /// </summary>
    public static IServiceCollection AddPayPalWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PayPalOptions.Section);
        if (!section.Exists()) return services;

        services.AddOptions<PayPalOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayPalOptions>, PayPalOptionsValidator>();

        services.AddHttpClient<PayPalCertificateClient>(Timeout).UsePlatformHandler(Handler);
        services.AddOrderSyncResilienceOptions(Platform.PayPal, configuration); // once for both PayPal clients below
        services.AddHttpClient<PayPalApiClient>(Timeout).UsePlatformHandler(Handler)
            .AddOrderSyncResilienceHandler(Platform.PayPal);
        services.AddSingleton<PayPalCertificateStore>();
        services.AddSingleton(PayPalCertificateTrust.SystemRoots);
        services.AddSingleton<PayPalAccessTokens>();
        services.AddHttpClient<PayPalTracking>(Timeout).UsePlatformHandler(Handler)
            .AddOrderSyncResilienceHandler(Platform.PayPal);
        services.AddSingleton<PayPalOfflineVerifier>();
        services.AddSingleton<PayPalOnlineVerifier>();
        services.AddSingleton<IPayPalSignatureVerifier>(sp => sp.GetRequiredService<IOptions<PayPalOptions>>().Value.Verification == PayPalVerification.Online
            ? sp.GetRequiredService<PayPalOnlineVerifier>()
            : sp.GetRequiredService<PayPalOfflineVerifier>());
        services.AddSingleton<IWebhookSource, PayPalWebhookSource>();
        return services;
    }

    private static void Timeout(IServiceProvider sp, HttpClient http) =>
        http.Timeout = sp.GetRequiredService<IOptions<PayPalOptions>>().Value.RequestTimeout;

    private static void Handler(SocketsHttpHandler handler)
    {
        handler.AllowAutoRedirect = false;
        handler.AutomaticDecompression = DecompressionMethods.All;
    }
}
