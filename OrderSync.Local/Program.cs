using Microsoft.Extensions.Options;
using OrderSync.Core.Execution;
using OrderSync.Core.Hosting;
using OrderSync.Core.Storage;
using OrderSync.Local;
using OrderSync.Local.Durable;
using OrderSync.Local.Endpoints;
using OrderSync.Local.Sandbox;
using OrderSync.Local.Worker;

var builder = WebApplication.CreateBuilder(args);
await using var sandbox = await LocalSandbox.StartIfEnabledAsync(builder.Configuration);
DurableEngine? engine = null;
try
{
    builder.Services.AddOrderSync(builder.Configuration);
    builder.Services.AddOrderSyncTelemetry(builder.Configuration);
    var runtime = OrderRuntimeSetting.From(builder.Configuration);
    if (runtime == OrderRuntime.Durable)
        engine = await builder.Services.AddDurableRuntimeAsync(builder.Configuration, CancellationToken.None);
    else
        builder.Services.AddSingleton<IOrderSignalHandler>(sp => sp.GetRequiredService<OrderSignalProcessor>());
    builder.Services.AddHostedService<SignalQueueWorker>();
    builder.Services.AddHostedService<TrackingPollWorker>();
    builder.Services.AddHostedService<OrderGaugeWorker>();
    builder.Services.AddHostedService<BackfillWorker>();

    var app = builder.Build();
    app.MapWebhookEndpoints();
    app.MapOrderEndpoints(runtime);
    app.MapBackfillEndpoints();

    await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(app.Lifetime.ApplicationStopping);
    await app.StartAsync();
    app.Logger.LogInformation("orders run on the {Runtime} runtime", runtime);

    sandbox?.PrintWelcome(app.Urls.First());
    await app.WaitForShutdownAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"OrderSync cannot start, its configuration is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", e.Failures)}");
    return 1;
}
finally
{
    if (engine is not null) await engine.DisposeAsync();
}
