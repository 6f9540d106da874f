using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Configuration;

/// <summary>
/// The Azure shell's signal queue on Service Bus. The namespace and credentials are the Functions connection
/// "ServiceBusConnection" (a connection string, or <c>__fullyQualifiedNamespace</c> with a managed identity), shared by
/// the trigger and the sender; this section names only the queue.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string Section = "OrderSync:ServiceBus";

    [RegularExpression(@"^[A-Za-z0-9]([A-Za-z0-9._\-]{0,258}[A-Za-z0-9_])?$",
        ErrorMessage = "OrderSync:ServiceBus:QueueName must be a Service Bus queue name (letters, digits, '.', '-', '_'; up to 260 characters).")]
    public string QueueName { get; set; } = "order-signals";
}
