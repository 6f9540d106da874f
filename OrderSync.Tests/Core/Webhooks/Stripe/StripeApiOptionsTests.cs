using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Hosting;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms.Stripe;

namespace OrderSync.Tests.Core.Webhooks.Stripe;

/// <summary>"OrderSync:Stripe" ApiKey / ApiBase / RequestTimeout as AddOrderSync binds and validates them, and how Stripe errors are classified.</summary>
[TestClass]
public sealed class StripeApiOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddOrderSync(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
            })
            .AddInMemoryCollection(settings)
            .Build()).BuildServiceProvider();

    [TestMethod]
    public void Given_webhooks_only_Then_start_up_is_valid_and_the_API_base_is_Stripes()
    {
        using var services = Services(new() { ["OrderSync:Stripe:WebhookSecrets:0"] = "whsec_new" });
        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.IsNull(options.ApiKey);
        Assert.AreEqual(new Uri("https://api.stripe.com"), options.ApiBase);
        Assert.IsNotNull(services.GetRequiredService<StripeShipping>(), "registered even without a key; it refuses to write, naming the setting");
    }

    [TestMethod]
    public void Given_an_API_key_and_a_loopback_base_Then_both_are_bound()
    {
        using var services = Services(new() { ["OrderSync:Stripe:ApiKey"] = "sk_test_123", ["OrderSync:Stripe:ApiBase"] = "http://127.0.0.1:12111" });
        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.AreEqual("sk_test_123", options.ApiKey);
        Assert.AreEqual(new Uri("http://127.0.0.1:12111"), options.ApiBase);
    }

    [TestMethod]
    [DataRow("OrderSync:Stripe:ApiKey", "", DisplayName = "empty key")]
    [DataRow("OrderSync:Stripe:ApiKey", "sk_test 123", DisplayName = "key with a space")]
    [DataRow("OrderSync:Stripe:ApiBase", "http://api.stripe.com", DisplayName = "plain http off loopback")]
    [DataRow("OrderSync:Stripe:ApiBase", "https://api.stripe.com/v1", DisplayName = "base with a path")]
    [DataRow("OrderSync:Stripe:RequestTimeout", "00:05:00", DisplayName = "timeout too long")]
    public void Given_a_bad_API_setting_Then_start_up_fails_naming_it(string setting, string value)
    {
        using var services = Services(new() { [setting] = value });
        var failure = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, failure.Message);
        Assert.DoesNotContain("123", failure.Message, "the key is never echoed");
    }

    [TestMethod]
    [DataRow(HttpStatusCode.Conflict, null, "idempotency_error", FailureKind.Transient, DisplayName = "409 concurrent use of a key")]
    [DataRow(HttpStatusCode.BadRequest, "true", "invalid_request_error", FailureKind.Transient, DisplayName = "Stripe-Should-Retry: true")]
    [DataRow(HttpStatusCode.BadRequest, null, "idempotency_error", FailureKind.Permanent, DisplayName = "400 key reused with other parameters")]
    [DataRow(HttpStatusCode.BadRequest, null, "invalid_request_error", FailureKind.Permanent, DisplayName = "400 invalid request")]
    [DataRow(HttpStatusCode.Forbidden, null, "invalid_request_error", FailureKind.Permanent, DisplayName = "403 restricted key without permission")]
    [DataRow(HttpStatusCode.BadGateway, "false", "api_error", FailureKind.Transient, DisplayName = "502")]
    public void Stripe_errors_are_classified(HttpStatusCode status, string? shouldRetry, string type, FailureKind kind)
    {
        using var message = new HttpResponseMessage(status);
        if (shouldRetry is not null) message.Headers.Add("Stripe-Should-Retry", shouldRetry);
        var e = new global::Stripe.StripeException(status, new global::Stripe.StripeError { Type = type, Message = "Stripe says why" }, "Stripe says why")
        {
            StripeResponse = new global::Stripe.StripeResponse(status, message.Headers, "{}"),
        };

        var failure = StripeShipping.Classify(e, "Stripe PaymentIntent pi_1 (update)", DateTimeOffset.UnixEpoch);

        Assert.AreEqual(kind, failure.Kind);
        Assert.Contains("Stripe says why", failure.Reason);
    }
}
