using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OrderSync.Core.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddOrderSync(builder.Configuration);
builder.Services.AddOrderSyncTelemetry(builder.Configuration);
builder.Build().Run();
