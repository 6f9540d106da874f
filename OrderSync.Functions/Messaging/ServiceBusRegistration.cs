using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Messaging;

namespace OrderSync.Functions.Messaging;

public static class ServiceBusRegistration
{
    /// <summary>The Functions connection the trigger reads; the sender uses the same one.</summary>
    public const string Connection = "ServiceBusConnection";

    /// <summary>
    /// Signals go to Service Bus instead of the storage queue, and the dead-letter queue is what the ops API lists as poisoned. The connection is read as the Functions host reads
    /// <see cref="Connection"/>: a connection string, or a section with fullyQualifiedNamespace (and clientId for a
    /// user-assigned identity).
    /// </summary>
    public static IServiceCollection AddServiceBusSignals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => Client(configuration.GetSection(Connection)));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value.QueueName));
        services.AddSingleton<ServiceBusSignalQueue>();
        services.AddSingleton<ISignalQueue>(sp => sp.GetRequiredService<ServiceBusSignalQueue>());
        services.AddSingleton<IPoisonedSignals, ServiceBusDeadLetters>();
        return services;
    }

    private static ServiceBusClient Client(IConfigurationSection connection)
    {
        if (!string.IsNullOrEmpty(connection.Value)) return new ServiceBusClient(connection.Value);
        var fullyQualifiedNamespace = connection["fullyQualifiedNamespace"]
            ?? throw new InvalidOperationException($"{Connection} is not set: give a connection string, or {Connection}__fullyQualifiedNamespace for a managed identity.");
        return new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = connection["clientId"] }));
    }
}
