using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrderSync.Core.Webhooks.PayPal;
using OrderSync.Sandbox.Schemas;

namespace OrderSync.Sandbox.PayPal;

/// <summary>A request the simulator received: which endpoint ("token", "verify", "certs") and, for verify, its JSON body.</summary>
public sealed record PayPalRequest(string Endpoint, JsonObject? Body, DateTimeOffset At);

/// <summary>
/// A loopback stand-in for the parts of PayPal's REST API that webhooks need, over https as PayPal is:
/// <list type="bullet">
/// <item>POST /v1/oauth2/token: Basic client_id:secret, form grant_type=client_credentials →
/// {scope, access_token, token_type, app_id, expires_in, nonce} (developer.paypal.com/api/rest/authentication/).</item>
/// <item>POST /v1/notifications/verify-webhook-signature: Bearer token, {auth_algo, cert_url, transmission_id,
/// transmission_sig, transmission_time, webhook_id, webhook_event} → {verification_status: SUCCESS | FAILURE}
/// (developer.paypal.com/api/webhooks/v1/verify-webhook-signature-post), checked with the certificate it serves at cert_url.</item>
/// <item>GET /v1/notifications/certs/{id}: the PEM of a signing certificate, as PAYPAL-CERT-URL points to.</item>
/// </list>
/// It signs webhooks like PayPal (<see cref="Sign"/>) and fails on request (<see cref="FailNext"/>).
/// </summary>
public sealed partial class PayPalSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _certificates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PayPalRequest> _received = new();
    private readonly List<(string Endpoint, PayPalFault Fault)> _faults = [];
    private readonly Lock _gate = new();
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _time;
    private readonly LoopbackTls _tls = new();
    private WebApplication? _app;

    private PayPalSimulator(string clientId, string clientSecret, TimeProvider time)
    {
        (_clientId, _clientSecret, _time) = (clientId, clientSecret, time);
        _certificates[Signer.CertificateId] = Signer.CertificatePem;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public PayPalWebhookSigner Signer { get; } = new();

    /// <summary>What expires_in the token endpoint answers, in seconds (PayPal's sample answers 32400).</summary>
    public int TokenLifetimeSeconds { get; set; } = 32400;

    public IReadOnlyList<PayPalRequest> Received => [.. _received];

    public static Task<PayPalSimulator> StartAsync(string clientId, string clientSecret, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        StartAsync(clientId, clientSecret, time, https: true, checkSchemas: true, cancellationToken);

    private static async Task<PayPalSimulator> StartAsync(
        string clientId, string clientSecret, TimeProvider? time, bool https, bool checkSchemas, CancellationToken cancellationToken)
    {
        var simulator = new PayPalSimulator(clientId, clientSecret, time ?? TimeProvider.System);
        var schemas = checkSchemas ? await PlatformSchemas.SharedAsync() : null;
        (simulator._app, simulator.BaseUrl) = await SimulatorHttp.StartAsync(0, app =>
        {
            if (schemas is not null) CheckAgainstPublishedSpecifications(app, schemas);
            app.MapPost("/v1/oauth2/token", simulator.TokenAsync);
            app.MapPost("/v1/notifications/verify-webhook-signature", simulator.VerifyAsync);
            app.MapGet("/v1/notifications/certs/{id}", simulator.CertificateAsync);
            simulator.MapTracking(app);
        }, cancellationToken, https ? simulator.ServeOverTls : null);
        return simulator;
    }

    /// <summary>Serves https on loopback with the simulator's throwaway certificate, in place of plain http.</summary>
    private void ServeOverTls(WebApplicationBuilder builder)
    {
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = _tls.Certificate));
        builder.WebHost.UseUrls("https://127.0.0.1:0");
    }

    /// <summary>A client handler that trusts the simulator's TLS certificate (and nothing else).</summary>
    public HttpMessageHandler CreateHandler() => _tls.CreateTrustingHandler();

    public Uri CertificateUrl(string? certificateId = null) => new(BaseUrl, $"v1/notifications/certs/{certificateId ?? Signer.CertificateId}");

    /// <summary>Serves another certificate (e.g. PayPal's published test certificate) at <see cref="CertificateUrl"/>(<paramref name="certificateId"/>).</summary>
    public void ServeCertificate(string certificateId, string pem) => _certificates[certificateId] = pem;

    /// <summary>The PAYPAL-* headers PayPal would send with <paramref name="body"/> for the webhook <paramref name="webhookId"/>.</summary>
    public IReadOnlyDictionary<string, string> Sign(ReadOnlySpan<byte> body, string webhookId) =>
        Signer.Sign(body, webhookId, CertificateUrl(), _time.GetUtcNow());

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="times"/> requests to <paramref name="endpoint"/> ("token", "verify", "certs" or "*").</summary>
    public void FailNext(string endpoint, PayPalFault fault, int times = 1)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _faults.Add((endpoint, fault));
    }

    /// <summary>Drops the faults queued and not yet played: the platform is well again.</summary>
    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>Revokes every token issued so far: the next call with one is answered 401.</summary>
    public void RevokeTokens() => _tokens.Clear();

    private async Task TokenAsync(HttpContext context)
    {
        _received.Enqueue(new PayPalRequest("token", null, _time.GetUtcNow()));
        if (await PlayFaultAsync("token", context)) return;
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!IsClient(context.Request.Headers.Authorization))
        {
            await WriteAsync(context.Response, 401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client Authentication failed" });
            return;
        }
        if (form?["grant_type"].ToString() != "client_credentials")
        {
            await WriteAsync(context.Response, 400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Grant Type is NULL" });
            return;
        }

        var token = "A21AA" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        _tokens[token] = _time.GetUtcNow().AddSeconds(TokenLifetimeSeconds);
        await WriteAsync(context.Response, 200, new JsonObject
        {
            ["scope"] = "https://uri.paypal.com/services/applications/webhooks https://uri.paypal.com/services/applications/verify-webhook-signature",
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-80W284485P519543T",
            ["expires_in"] = TokenLifetimeSeconds,
            ["nonce"] = $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}{Guid.NewGuid():N}",
        });
    }

    private async Task VerifyAsync(HttpContext context)
    {
        JsonObject? body = null;
        string? rawEvent = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                body = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
                if (document.RootElement.TryGetProperty("webhook_event", out var e) && e.ValueKind == JsonValueKind.Object) rawEvent = e.GetRawText();
            }
        }
        catch (JsonException)
        {
        }
        _received.Enqueue(new PayPalRequest("verify", body, _time.GetUtcNow()));
        if (await PlayFaultAsync("verify", context)) return;

        if (!HasLiveToken(context.Request.Headers.Authorization))
        {
            await WriteAsync(context.Response, 401, new JsonObject { ["error"] = "invalid_token", ["error_description"] = "Token signature verification failed" });
            return;
        }
        var missing = new[] { "auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id" }
            .Where(f => body?[f] is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0).ToList();
        if (body is null || rawEvent is null || missing.Count > 0)
        {
            await WriteAsync(context.Response, 400, Error("VALIDATION_ERROR", "Invalid request - see details",
                [.. (rawEvent is null ? missing.Append("webhook_event") : missing).Select(f => (JsonNode)new JsonObject { ["field"] = f, ["issue"] = "MISSING_REQUIRED_PARAMETER" })]));
            return;
        }

        var status = SignatureHolds(body, rawEvent) ? "SUCCESS" : "FAILURE";
        await WriteAsync(context.Response, 200, new JsonObject { ["verification_status"] = status });
    }

    private async Task CertificateAsync(HttpContext context, string id)
    {
        _received.Enqueue(new PayPalRequest("certs", null, _time.GetUtcNow()));
        if (await PlayFaultAsync("certs", context)) return;
        if (!_certificates.TryGetValue(id, out var pem))
        {
            await WriteAsync(context.Response, 404, Error("RESOURCE_NOT_FOUND", "The specified resource does not exist."));
            return;
        }
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(pem, context.RequestAborted);
    }

    /// <summary>What PayPal checks: the certificate it serves at cert_url verifies the signature of the event it was given.</summary>
    private bool SignatureHolds(JsonObject body, string rawEvent)
    {
        string Field(string name) => body[name]!.GetValue<string>();
        if (!Uri.TryCreate(Field("cert_url"), UriKind.Absolute, out var certUrl) || certUrl.Authority != BaseUrl.Authority
            || !_certificates.TryGetValue(certUrl.Segments[^1], out var pem))
            return false;
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var key = certificate.GetRSAPublicKey()!;
        var message = PayPalSignature.Message(Field("transmission_id"), Field("transmission_time"), Field("webhook_id"), Encoding.UTF8.GetBytes(rawEvent));
        return PayPalSignature.IsValid(message, Field("transmission_sig"), Field("auth_algo"), key);
    }

    private bool IsClient(string? authorization) =>
        AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Scheme == "Basic"
        && header.Parameter == Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_clientId}:{_clientSecret}"));

    private bool HasLiveToken(string? authorization) =>
        AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Scheme == "Bearer"
        && header.Parameter is { } token && _tokens.TryGetValue(token, out var expires) && _time.GetUtcNow() < expires;

    /// <returns>True when a fault answered the request.</returns>
    private async Task<bool> PlayFaultAsync(string endpoint, HttpContext context)
    {
        PayPalFault? fault;
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Endpoint == "*" || f.Endpoint == endpoint);
            fault = index < 0 ? null : _faults[index].Fault;
            if (index >= 0) _faults.RemoveAt(index);
        }

        var response = context.Response;
        switch (fault)
        {
            case PayPalFault.RateLimited r:
                response.Headers.RetryAfter = r.RetryAfterSeconds.ToString();
                await WriteAsync(response, 429, Error("RATE_LIMIT_REACHED", "Too many requests. Blocked due to rate limiting."));
                return true;
            case PayPalFault.ServerError s:
                await WriteAsync(response, s.StatusCode, Error("INTERNAL_SERVER_ERROR", "An internal server error occurred."));
                return true;
            case PayPalFault.MalformedBody:
                await SimulatorHttp.WriteHtmlAsync(response, "<html><body>upstream connect error</body></html>");
                return true;
            case PayPalFault.Stall stall:
                return !await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted);
            default:
                return false;
        }
    }

    private static JsonObject Error(string name, string message, JsonArray? details = null) => new()
    {
        ["name"] = name,
        ["message"] = message,
        ["debug_id"] = Guid.NewGuid().ToString("N")[..13],
        ["details"] = details ?? [],
        ["links"] = new JsonArray(),
    };

    private static async Task WriteAsync(HttpResponse response, int status, JsonObject body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Signer.Dispose();
        _tls.Dispose();
    }
}
