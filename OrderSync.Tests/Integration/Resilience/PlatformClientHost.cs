using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Hosting;

namespace OrderSync.Tests.Integration.Resilience;

/// <summary>The platform clients as AddOrderSync registers them (handler, pipeline), with quick retries for tests.</summary>
internal static class PlatformClientHost
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
        };
        foreach (var platform in new[] { "Stripe", "PayPal" })
        {
            values[$"OrderSync:Resilience:{platform}:BaseDelay"] = "00:00:00.010";
            values[$"OrderSync:Resilience:{platform}:AttemptTimeout"] = "00:00:00.500";
        }
        foreach (var (key, value) in settings) values[key] = value;
        var services = new ServiceCollection().AddLogging().AddOrderSync(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
