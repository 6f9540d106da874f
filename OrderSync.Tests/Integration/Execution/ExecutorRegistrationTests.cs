using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Execution;
using OrderSync.Core.Hosting;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>AddOrderSync wires the command executor with or without the optional PayPal section.</summary>
[TestClass]
public sealed class ExecutorRegistrationTests
{
    private static readonly Dictionary<string, string?> Required = new()
    {
        ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
    };

    [TestMethod]
    public void The_executor_resolves_with_the_PayPal_section()
    {
        using var services = Build(new(Required)
        {
            ["OrderSync:PayPal:WebhookId"] = "0FV983392A0531201",
            ["OrderSync:PayPal:Verification"] = "Online",
            ["OrderSync:PayPal:ClientId"] = "client",
            ["OrderSync:PayPal:ClientSecret"] = "secret",
        });

        Assert.IsNotNull(services.GetRequiredService<CommandExecutor>());
    }

    [TestMethod]
    public async Task Without_the_PayPal_section_PayPal_tracking_fails_permanently_naming_the_setting()
    {
        using var services = Build(Required);

        var outcome = await services.GetRequiredService<CommandExecutor>().ExecuteAsync(
            new ReportTrackingToPayPal("track-paypal:x", new OrderKey("merchant.myshopify.com", "1"), "s-1", "CAPTURE", new Tracking(["1Z999AA10123456784"], "UPS", []), null),
            mayHaveRun: true, CancellationToken.None);

        Assert.AreEqual(new CommandFailed("track-paypal:x", FailureKind.Permanent, "PayPal tracking cannot be sent: OrderSync:PayPal is not configured"), outcome);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddOrderSync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
