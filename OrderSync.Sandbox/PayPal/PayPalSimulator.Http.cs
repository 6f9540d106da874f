using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace OrderSync.Sandbox.PayPal;

/// <summary>
/// The same simulator over plain http on loopback, for a client in another process (OrderSync.Local in the end-to-end
/// tests) that cannot be handed <see cref="CreateHandler"/> to trust the throwaway certificate. OrderSync accepts an
/// http ApiBaseUrl only on loopback (PayPalOptionsValidator).
/// </summary>
public sealed partial class PayPalSimulator
{
    public static async Task<PayPalSimulator> StartHttpAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        var simulator = new PayPalSimulator(clientId, clientSecret, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/oauth2/token", simulator.TokenAsync);
        app.MapPost("/v1/notifications/verify-webhook-signature", simulator.VerifyAsync);
        app.MapGet("/v1/notifications/certs/{id}", simulator.CertificateAsync);
        simulator.MapTracking(app);
        await app.StartAsync(cancellationToken);
        simulator._app = app;
        simulator.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return simulator;
    }
}
