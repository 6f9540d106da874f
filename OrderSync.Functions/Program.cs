using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderSync.Core.Hosting;
using OrderSync.Core.Storage;
using OrderSync.Functions.Messaging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOrderSync(builder.Configuration);
builder.Services.AddServiceBusSignals(builder.Configuration);
builder.Services.AddOrderSyncTelemetry(builder.Configuration);

var app = builder.Build();
await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
app.Run();
