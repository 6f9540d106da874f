using Microsoft.Extensions.Options;
using OrderSync.Core.Hosting;
using OrderSync.Core.Storage;
using OrderSync.Local.Endpoints;
using OrderSync.Local.Sandbox;
using OrderSync.Local.Worker;

var builder = WebApplication.CreateBuilder(args);
await using var sandbox = await LocalSandbox.StartIfEnabledAsync(builder.Configuration);

builder.Services.AddOrderSync(builder.Configuration);
builder.Services.AddOrderSyncTelemetry(builder.Configuration);
builder.Services.AddHostedService<SignalQueueWorker>();
builder.Services.AddHostedService<TrackingPollWorker>();
builder.Services.AddHostedService<OrderGaugeWorker>();
builder.Services.AddHostedService<BackfillWorker>();

var app = builder.Build();
app.MapWebhookEndpoints();
app.MapOrderEndpoints();
app.MapBackfillEndpoints();

try
{
    await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(app.Lifetime.ApplicationStopping);
    await app.StartAsync();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"OrderSync cannot start, its configuration is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", e.Failures)}");
    return 1;
}

sandbox?.PrintWelcome(app.Urls.First());
await app.WaitForShutdownAsync();
return 0;
