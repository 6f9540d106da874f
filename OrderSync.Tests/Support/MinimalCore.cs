using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Hosting;

namespace OrderSync.Tests.Support;

/// <summary>AddOrderSync with the least configuration it starts with, plus the test's settings: for tests of how settings bind and validate (nothing is called).</summary>
public static class MinimalCore
{
    public static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["OrderSync:Shopify:WebhookSecrets:0"] = "app-secret",
            }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        return new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
    }
}
