using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderSync.Core.Webhooks.HttpVendors;

namespace OrderSync.Sandbox.HttpVendor;

/// <summary>A request the vendor received; <see cref="Query"/> is its query string without the '?'.</summary>
public sealed record HttpVendorRequest(string Kind, string Method, string Path, string? IdempotencyKey, SignatureCheck Signature, string Body, string Query = "");

public sealed class SimulatedVendorOrder(string id, string? idempotencyKey, JsonObject body)
{
    public string Id { get; } = id;
    public string? IdempotencyKey { get; } = idempotencyKey;
    public JsonObject Body { get; } = body;
    public string MerchantOrder => Body["merchantOrder"]?.GetValue<string>() ?? "";
    public List<JsonObject> Updates { get; } = [];
    public bool Cancelled { get; set; }
    public string? CancelReason { get; set; }
    public List<JsonObject> Shipments { get; } = [];
}

/// <summary>
/// A loopback vendor speaking OrderSync's outbound vendor API (docs/http-vendor-api.md, "OrderSync → vendor"): checks the
/// X-OrderSync-Signature of every request with the vendor's secret (401 when wrong), keeps orders, answers a repeated
/// Idempotency-Key or merchant order with 409 and the existing id, serves the shipment feed (HttpVendorSimulator.Feed.cs),
/// records every request, and fails on request.
/// </summary>
public sealed partial class HttpVendorSimulator : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<HttpVendorRequest> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpVendorFault>> _faults = new();
    private readonly List<SimulatedVendorOrder> _orders = [];
    private readonly Lock _gate = new();
    private WebApplication? _app;
    private int _next = 5000;

    private HttpVendorSimulator(string secret, TimeProvider time) => (Secret, _time) = (secret, time);

    public string Secret { get; }
    public Uri BaseUrl { get; private set; } = null!;
    public IReadOnlyList<HttpVendorRequest> Received => [.. _received];
    public IReadOnlyList<SimulatedVendorOrder> Orders { get { lock (_gate) return [.. _orders]; } }

    public static async Task<HttpVendorSimulator> StartAsync(string secret = "vendor_test_secret_1", TimeProvider? time = null, int port = 0,
        CancellationToken cancellationToken = default)
    {
        var simulator = new HttpVendorSimulator(secret, time ?? TimeProvider.System);
        (simulator._app, simulator.BaseUrl) = await SimulatorHttp.StartAsync(port, app =>
        {
            app.MapPost("/orders", c => simulator.HandleAsync(c, "create", null));
            app.MapPatch("/orders/{id}", (HttpContext c, string id) => simulator.HandleAsync(c, "update", id));
            app.MapPost("/orders/{id}/cancel", (HttpContext c, string id) => simulator.HandleAsync(c, "cancel", id));
            app.MapGet("/orders/{id}/shipments", (HttpContext c, string id) => simulator.HandleAsync(c, "shipments", id));
            app.MapGet("/shipments", c => simulator.HandleAsync(c, "feed", null));
        }, cancellationToken);
        return simulator;
    }

    public void FailNext(string kind, HttpVendorFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(kind, _ => new());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    /// <summary>Forgets the faults not played yet.</summary>
    public void ClearFaults() => _faults.Clear();


    private async Task HandleAsync(HttpContext context, string kind, string? id)
    {
        var response = context.Response;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var check = HttpVendorSignature.Check(context.Request.Headers[HttpVendorSignature.Header].FirstOrDefault(), bytes, [Secret], _time.GetUtcNow());
        _received.Enqueue(new HttpVendorRequest(kind, context.Request.Method, context.Request.Path, key, check, System.Text.Encoding.UTF8.GetString(bytes),
            context.Request.QueryString.Value?.TrimStart('?') ?? ""));
        if (check != SignatureCheck.Valid)
        {
            await SimulatorHttp.WriteJsonAsync(response, 401, new JsonObject { ["reason"] = $"signature {check}" });
            return;
        }

        HttpVendorFault? fault = _faults.TryGetValue(kind, out var queue) && queue.TryDequeue(out var f) ? f : null;
        switch (fault)
        {
            case HttpVendorFault.RateLimited r:
                response.Headers.RetryAfter = r.RetryAfterSeconds.ToString();
                await SimulatorHttp.WriteJsonAsync(response, 429, new JsonObject { ["reason"] = "slow down" });
                return;
            case HttpVendorFault.ServerError s:
                await SimulatorHttp.WriteJsonAsync(response, s.StatusCode, new JsonObject { ["reason"] = "unavailable" });
                return;
            case HttpVendorFault.MalformedBody:
                await SimulatorHttp.WriteHtmlAsync(response, "<html>oops</html>");
                return;
            case HttpVendorFault.Refused refused:
                await SimulatorHttp.WriteJsonAsync(response, 422, new JsonObject { ["reason"] = refused.Reason });
                return;
            case HttpVendorFault.StallBeforeEffect stall:
                if (!await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
                break;
        }

        JsonObject? body = null;
        if (bytes.Length > 0)
        {
            try
            {
                body = JsonSerializer.Deserialize<JsonObject>(bytes);
            }
            catch (JsonException)
            {
                await SimulatorHttp.WriteJsonAsync(response, 400, new JsonObject { ["reason"] = "the body is not JSON" });
                return;
            }
        }

        var (status, answer) = kind switch
        {
            "create" => Create(key, body),
            "feed" => Feed(context.Request.Query),
            _ => WithOrder(id!, order => kind switch
            {
                "update" => Update(order, body),
                "cancel" => Cancel(order, body),
                _ => (200, new JsonObject { ["shipments"] = new JsonArray([.. order.Shipments.Select(s => (JsonNode)s.DeepClone())]) }),
            }),
        };
        if (fault is HttpVendorFault.StallAfterEffect after && !await SimulatorHttp.StallAsync(after.Delay, context.RequestAborted)) return;
        await SimulatorHttp.WriteJsonAsync(response, status, answer);
    }

    private (int, JsonObject) Create(string? key, JsonObject? body)
    {
        if (body?["merchantOrder"] is null || body["lines"] is not JsonArray { Count: > 0 })
            return (400, new JsonObject { ["reason"] = "merchantOrder and lines are required" });
        lock (_gate)
        {
            var merchantOrder = body["merchantOrder"]!.GetValue<string>();
            if (_orders.FirstOrDefault(o => (key is not null && o.IdempotencyKey == key) || o.MerchantOrder == merchantOrder) is { } existing)
                return (409, new JsonObject { ["vendorOrderId"] = existing.Id, ["reason"] = "already exists" });
            var order = new SimulatedVendorOrder("V-" + ++_next, key, body);
            _orders.Add(order);
            return (201, new JsonObject { ["vendorOrderId"] = order.Id });
        }
    }

    private (int, JsonObject) WithOrder(string id, Func<SimulatedVendorOrder, (int, JsonObject)> act)
    {
        var order = Orders.FirstOrDefault(o => o.Id == id);
        return order is null ? (404, new JsonObject { ["reason"] = $"no order {id}" }) : act(order);
    }

    private (int, JsonObject) Update(SimulatedVendorOrder order, JsonObject? body)
    {
        if (order.Cancelled) return (409, new JsonObject { ["reason"] = "order is cancelled" });
        lock (_gate) order.Updates.Add(body ?? []);
        return (200, new JsonObject { ["vendorOrderId"] = order.Id });
    }

    private static (int, JsonObject) Cancel(SimulatedVendorOrder order, JsonObject? body)
    {
        order.Cancelled = true;
        order.CancelReason = body?["reason"]?.GetValue<string>();
        return (200, new JsonObject { ["vendorOrderId"] = order.Id });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
