using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Hosting;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Stripe;

namespace OrderSync.Tests.Core.Webhooks.Stripe;

/// <summary>"OrderSync:Stripe" as AddOrderSync binds and validates it, and the Stripe source it registers.</summary>
[TestClass]
public sealed class StripeOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
            })
            .AddInMemoryCollection(settings)
            .Build();
        return new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
    }

    private static StripeOptions Options(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<StripeOptions>>().Value;
    }

    private static string StartupFailure(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        var failure = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return failure.Message;
    }

    [TestMethod]
    public void Given_no_Stripe_section_Then_there_are_no_secrets_and_the_tolerance_is_300_seconds()
    {
        var options = Options([]);

        Assert.IsEmpty(options.WebhookSecrets);
        Assert.AreEqual(TimeSpan.FromSeconds(300), options.SignatureTolerance);
    }

    [TestMethod]
    public void Given_two_secrets_and_a_tolerance_Then_both_are_bound_in_order()
    {
        var options = Options(new()
        {
            ["OrderSync:Stripe:WebhookSecrets:0"] = "whsec_new",
            ["OrderSync:Stripe:WebhookSecrets:1"] = "whsec_old",
            ["OrderSync:Stripe:SignatureTolerance"] = "00:10:00",
        });

        CollectionAssert.AreEqual(new[] { "whsec_new", "whsec_old" }, options.WebhookSecrets);
        Assert.AreEqual(TimeSpan.FromMinutes(10), options.SignatureTolerance);
    }

    [TestMethod]
    public void Given_a_blank_secret_Then_start_up_fails_naming_that_entry()
    {
        var message = StartupFailure(new() { ["OrderSync:Stripe:WebhookSecrets:0"] = "whsec_new", ["OrderSync:Stripe:WebhookSecrets:1"] = "  " });

        Assert.Contains("OrderSync:Stripe:WebhookSecrets:1", message);
    }

    [TestMethod]
    [DataRow("00:00:00", DisplayName = "zero")]
    [DataRow("01:00:01", DisplayName = "over an hour")]
    [DataRow("-00:05:00", DisplayName = "negative")]
    public void Given_a_tolerance_out_of_range_Then_start_up_fails_naming_the_setting(string tolerance) =>
        Assert.Contains("OrderSync:Stripe:SignatureTolerance", StartupFailure(new() { ["OrderSync:Stripe:SignatureTolerance"] = tolerance }));

    [TestMethod]
    public void Given_valid_Stripe_settings_Then_start_up_validation_raises_nothing_about_Stripe()
    {
        using var services = Services(new() { ["OrderSync:Stripe:WebhookSecrets:0"] = "whsec_new" });
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [TestMethod]
    public void AddOrderSync_registers_the_Stripe_source_beside_Shopify_under_the_name_stripe()
    {
        using var services = Services([]);
        var sources = services.GetServices<IWebhookSource>().ToList();

        Assert.IsInstanceOfType<StripeWebhookSource>(sources.Single(s => s.Name == "stripe"));
        Assert.ContainsSingle(sources.Where(s => s.Name == "shopify"));
    }
}
