using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Hosting;
using OrderSync.Core.Platforms.PayPal;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>AddOrderSync registers the PayPal tracking client with the PayPal section, sharing the one token cache.</summary>
[TestClass]
public sealed class PayPalTrackingRegistrationTests
{
    [TestMethod]
    public void The_tracking_client_is_registered_with_the_PayPal_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ApiBaseUrl"] = "https://api-m.sandbox.paypal.com",
            ["OrderSync:PayPal:ClientId"] = "client",
            ["OrderSync:PayPal:ClientSecret"] = "secret",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();

        Assert.IsNotNull(services.GetRequiredService<PayPalTracking>());
        Assert.AreSame(services.GetRequiredService<PayPalAccessTokens>(), services.GetRequiredService<PayPalAccessTokens>());
    }

    [TestMethod]
    public void Without_the_section_there_is_no_tracking_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();

        Assert.IsNull(services.GetService<PayPalTracking>());
    }
}
