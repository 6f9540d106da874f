using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace OrderSync.Local.Durable;

/// <summary>
/// The Durable Task engine on this machine, as Durable Functions runs it in Azure: an orchestration service (the Azure
/// Storage provider on Azurite's queues, tables and blobs) dispatched to Microsoft.DurableTask's worker and client over
/// loopback gRPC by the sidecar server of Microsoft.DurableTask.InProcessTestHost (a preview package). The engine owns its
/// own small web host, so it never shares a port or a pipeline with the OrderSync host that uses it.
/// </summary>
public sealed class DurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;

    private DurableEngine(WebApplication sidecar, GrpcChannel channel)
    {
        _sidecar = sidecar;
        Channel = channel;
    }

    /// <summary>The channel the worker and the client connect through.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The Durable Task Azure Storage provider over this connection string and task hub.</summary>
    public static AzureStorageOrchestrationService AzureStorage(DurableEngineOptions options, ILoggerFactory loggers) =>
        new(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHub,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            PartitionCount = options.PartitionCount,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            LeaseInterval = options.PartitionLease,
            LeaseRenewInterval = options.PartitionLease / 3,
            LeaseAcquireInterval = options.PartitionLease / 3,
            // One app per task hub here: the app lease would only make a restarted host wait out its predecessor's.
            UseAppLease = false,
            // A start for an instance id already running or pending is refused (AlreadyExists) instead of silently
            // dropped (the provider's default), so a caller can raise its signal instead: see OrchestrationStarter.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggers,
        });

    public static async Task<DurableEngine> StartAsync<TService>(TService service, ILoggerFactory loggers, CancellationToken cancellationToken)
        where TService : IOrchestrationService, IOrchestrationServiceClient
    {
        await service.CreateIfNotExistsAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear(); // the OrderSync host's settings (its Urls among them) are not the sidecar's
        builder.Services.AddSingleton(loggers);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DurableEngine(sidecar, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync();
        Channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }
}
