using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Hosting;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.PayPal;

namespace OrderSync.Tests.Integration.PayPal;

/// <summary>AddOrderSync registers the PayPal source when "OrderSync:PayPal" is configured, with its settings validated.</summary>
[TestClass]
public sealed class PayPalRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        settings["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
    }

    [TestMethod]
    public void Without_the_section_there_is_no_PayPal_source()
    {
        using var services = Build([]);
        Assert.IsFalse(services.GetServices<IWebhookSource>().Any(s => s.Name == "paypal"));
    }

    [TestMethod]
    public void Offline_by_default()
    {
        using var services = Build(new() { ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201", ["OrderSync:PayPal:ClientId"] = "id", ["OrderSync:PayPal:ClientSecret"] = "secret" });

        Assert.IsTrue(services.GetServices<IWebhookSource>().Any(s => s is PayPalWebhookSource));
        Assert.IsInstanceOfType<PayPalOfflineVerifier>(services.GetRequiredService<IPayPalSignatureVerifier>());
        CollectionAssert.AreEqual(PayPalOptions.DefaultCertificateHosts.ToArray(),
            services.GetRequiredService<IOptions<PayPalOptions>>().Value.EffectiveCertificateHosts.ToArray());
    }

    [TestMethod]
    public void Online_when_configured()
    {
        using var services = Build(new()
        {
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ApiBaseUrl"] = "https://api-m.sandbox.paypal.com",
            ["OrderSync:PayPal:ClientId"] = "client",
            ["OrderSync:PayPal:ClientSecret"] = "secret",
        });

        Assert.IsInstanceOfType<PayPalOnlineVerifier>(services.GetRequiredService<IPayPalSignatureVerifier>());
    }

    [TestMethod]
    public void Configured_certificate_hosts_replace_the_defaults()
    {
        using var services = Build(new() { ["OrderSync:PayPal:WebhookId"] = "ABC", ["OrderSync:PayPal:ClientId"] = "id", ["OrderSync:PayPal:ClientSecret"] = "secret", ["OrderSync:PayPal:CertificateHosts:0"] = "api.sandbox.paypal.com" });
        CollectionAssert.AreEqual(new[] { "api.sandbox.paypal.com" }, services.GetRequiredService<IOptions<PayPalOptions>>().Value.EffectiveCertificateHosts.ToArray());
    }

    [TestMethod]
    public void An_invalid_section_fails_with_messages_that_name_the_settings()
    {
        using var services = Build(new() { ["OrderSync:PayPal:Verification"] = "Online" });

        var failure = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<PayPalOptions>>().Value);
        var messages = string.Join("\n", failure.Failures);
        StringAssert.Contains(messages, "OrderSync:PayPal:WebhookId is required");
        StringAssert.Contains(messages, "OrderSync:PayPal:ClientId is required");
        StringAssert.Contains(messages, "OrderSync:PayPal:ClientSecret is required");
    }
}
