using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrderSync.Sandbox.ShipHero;

public sealed record ShipHeroOperation(string Field, JsonObject Variables, DateTimeOffset At);

public sealed record SimulatedShipHeroOrder(string Id, string LegacyId, JsonObject Input)
{
    public string? PartnerOrderId => Input["partner_order_id"]?.GetValue<string>();
    public List<JsonObject> Updates { get; } = [];
    public bool Cancelled { get; set; }
    public string? CancelReason { get; set; }
}

/// <summary>
/// A loopback stand-in for one ShipHero account's public API: POST /auth/token {username, password} and POST /auth/refresh
/// {refresh_token} answer tokens; POST /graphql with "Authorization: Bearer" answers {data, errors?} with request_id and
/// complexity as ShipHero does, for orders(partner_order_id), order_create, order_update, order_cancel, and shipments by
/// order_id or created since date_from, paged (ShipHeroSimulator.Shipments.cs). Faults are played per operation; every request is recorded.
/// </summary>
public sealed partial class ShipHeroSimulator : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<ShipHeroOperation> _received = new();
    private readonly ConcurrentQueue<string> _authCalls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ShipHeroFault>> _faults = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new();
    private readonly List<SimulatedShipHeroOrder> _orders = [];
    private readonly Lock _gate = new();
    private int _next;
    private WebApplication? _app;

    private ShipHeroSimulator(string username, string password, TimeProvider time) => (Username, Password, _time) = (username, password, time);

    public string Username { get; }
    public string Password { get; }
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Lifetime of the access tokens it issues (ShipHero's are long-lived; tests shorten it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(28);

    public IReadOnlyList<ShipHeroOperation> Received => [.. _received];

    /// <summary>"token" or "refresh", one per call to the auth endpoints.</summary>
    public IReadOnlyList<string> AuthCalls => [.. _authCalls];

    public IReadOnlyList<SimulatedShipHeroOrder> Orders { get { lock (_gate) return [.. _orders]; } }

    public static async Task<ShipHeroSimulator> StartAsync(string username = "api@3pl.example", string password = "sh-test-password",
        TimeProvider? time = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new ShipHeroSimulator(username, password, time ?? TimeProvider.System);
        (simulator._app, simulator.BaseUrl) = await SimulatorHttp.StartAsync(port, app =>
        {
            app.MapPost("/auth/token", simulator.TokenAsync);
            app.MapPost("/auth/refresh", simulator.RefreshAsync);
            app.MapPost("/graphql", simulator.GraphQlAsync);
        }, cancellationToken);
        return simulator;
    }

    /// <summary>A refresh token that /auth/refresh accepts (as a developer token from ShipHero's app).</summary>
    public string IssueRefreshToken()
    {
        var token = "rt_" + Guid.NewGuid().ToString("N");
        _refreshTokens[token] = 0;
        return token;
    }

    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    public void FailNext(string field, ShipHeroFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(field, _ => new());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }

    private async Task TokenAsync(HttpContext context)
    {
        _authCalls.Enqueue("token");
        var body = await SimulatorHttp.ReadJsonObjectAsync(context);
        if (body?["username"]?.GetValue<string>() != Username || body["password"]?.GetValue<string>() != Password)
        {
            await SimulatorHttp.WriteJsonAsync(context.Response, 403, new JsonObject { ["error"] = "access_denied", ["error_description"] = "Wrong email or password." });
            return;
        }
        await SimulatorHttp.WriteJsonAsync(context.Response, 200, Issue(IssueRefreshToken()));
    }

    private async Task RefreshAsync(HttpContext context)
    {
        _authCalls.Enqueue("refresh");
        var body = await SimulatorHttp.ReadJsonObjectAsync(context);
        var refresh = body?["refresh_token"]?.GetValue<string>();
        if (refresh is null || !_refreshTokens.ContainsKey(refresh))
        {
            await SimulatorHttp.WriteJsonAsync(context.Response, 403, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Unknown or invalid refresh token." });
            return;
        }
        await SimulatorHttp.WriteJsonAsync(context.Response, 200, Issue(null));
    }

    private JsonObject Issue(string? refreshToken)
    {
        var token = "at_" + Guid.NewGuid().ToString("N");
        _accessTokens[token] = _time.GetUtcNow() + TokenLifetime;
        var answer = new JsonObject
        {
            ["access_token"] = token, ["expires_in"] = (long)TokenLifetime.TotalSeconds,
            ["scope"] = "openid profile offline_access", ["token_type"] = "Bearer",
        };
        if (refreshToken is not null) answer["refresh_token"] = refreshToken;
        return answer;
    }

    private async Task GraphQlAsync(HttpContext context)
    {
        var response = context.Response;
        var auth = context.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
        if (!_accessTokens.TryGetValue(token, out var expires) || _time.GetUtcNow() >= expires)
        {
            await SimulatorHttp.WriteJsonAsync(response, 401, new JsonObject { ["code"] = 401, ["message"] = "Invalid or expired token" });
            return;
        }
        var request = await SimulatorHttp.ReadJsonObjectAsync(context);
        if (request is null)
        {
            await SimulatorHttp.WriteJsonAsync(response, 400, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "Must provide query string." }) });
            return;
        }
        var (field, variables) = SimulatorHttp.SplitGraphQlRequest(request);
        _received.Enqueue(new ShipHeroOperation(field, (JsonObject)variables.DeepClone(), _time.GetUtcNow()));
        var requestId = Guid.NewGuid().ToString("N")[..24];

        ShipHeroFault? fault = _faults.TryGetValue(field, out var queue) && queue.TryDequeue(out var f) ? f : null;
        switch (fault)
        {
            case ShipHeroFault.RateLimited r:
                response.Headers.RetryAfter = r.RetryAfterSeconds.ToString();
                await SimulatorHttp.WriteJsonAsync(response, 429, new JsonObject { ["message"] = "Too Many Requests" });
                return;
            case ShipHeroFault.ServerError s:
                await SimulatorHttp.WriteJsonAsync(response, s.StatusCode, new JsonObject { ["message"] = "Bad Gateway" });
                return;
            case ShipHeroFault.TokenRejected:
                await SimulatorHttp.WriteJsonAsync(response, 401, new JsonObject { ["code"] = 401, ["message"] = "Invalid or expired token" });
                return;
            case ShipHeroFault.MalformedBody:
                await SimulatorHttp.WriteHtmlAsync(response, "<html><body>502 Bad Gateway</body></html>");
                return;
            case ShipHeroFault.NotEnoughCredits c:
                await SimulatorHttp.WriteJsonAsync(response, 200, Error(field, requestId,
                    $"There are not enough credits to perform the requested operation, which requires 101 credits. Try again in {c.SecondsToWait} seconds",
                    30, new JsonObject { ["required_credits"] = 101, ["remaining_credits"] = 4, ["time_remaining"] = $"{c.SecondsToWait} seconds" }));
                return;
            case ShipHeroFault.OperationError e:
                await SimulatorHttp.WriteJsonAsync(response, 200, Error(field, requestId, e.Message, e.Code, null));
                return;
            case ShipHeroFault.StallBeforeEffect stall:
                if (!await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
                break;
        }

        var result = field switch
        {
            "orders" => Find(variables),
            "order_create" => Create(variables),
            "order_update" => Update(variables),
            "order_cancel" => Cancel(variables),
            "shipments" => Shipments(variables),
            _ => null,
        };
        JsonObject body;
        if (result is null)
            body = Error(field, requestId, field is "order_update" or "order_cancel" ? "Order not found" : $"Cannot query field \"{field}\"", 5, null);
        else
        {
            result["request_id"] = requestId;
            result["complexity"] = field is "orders" or "shipments" ? 2 : 10;
            body = new JsonObject { ["data"] = new JsonObject { [field] = result } };
        }
        if (fault is ShipHeroFault.StallAfterEffect after && !await SimulatorHttp.StallAsync(after.Delay, context.RequestAborted)) return;
        await SimulatorHttp.WriteJsonAsync(response, 200, body);
    }

    private JsonObject Find(JsonObject variables)
    {
        var partner = variables["partner_order_id"]?.GetValue<string>();
        var found = Orders.Where(o => partner is null || o.PartnerOrderId == partner).Take(1);
        return new JsonObject
        {
            ["data"] = new JsonObject { ["edges"] = new JsonArray([.. found.Select(o => (JsonNode)new JsonObject { ["node"] = OrderJson(o) })]) },
        };
    }

    private JsonObject? Create(JsonObject variables)
    {
        if (variables["data"] is not JsonObject data || data["line_items"] is not JsonArray { Count: > 0 }) return null;
        SimulatedShipHeroOrder order;
        lock (_gate)
        {
            var n = Interlocked.Increment(ref _next);
            order = new SimulatedShipHeroOrder("T3JkZXI6" + n, (100000 + n).ToString(), (JsonObject)data.DeepClone());
            _orders.Add(order);
        }
        return new JsonObject { ["order"] = OrderJson(order) };
    }

    private JsonObject? Update(JsonObject variables)
    {
        var data = variables["data"] as JsonObject;
        var order = Orders.FirstOrDefault(o => o.Id == data?["order_id"]?.GetValue<string>());
        if (order is null) return null;
        lock (_gate) order.Updates.Add((JsonObject)data!.DeepClone());
        return new JsonObject { ["order"] = OrderJson(order) };
    }

    private JsonObject? Cancel(JsonObject variables)
    {
        var data = variables["data"] as JsonObject;
        var order = Orders.FirstOrDefault(o => o.Id == data?["order_id"]?.GetValue<string>());
        if (order is null) return null;
        order.Cancelled = true;
        order.CancelReason = data!["reason"]?.GetValue<string>();
        var json = OrderJson(order);
        json["fulfillment_status"] = "canceled";
        return new JsonObject { ["order"] = json };
    }

    private static JsonObject OrderJson(SimulatedShipHeroOrder o) => new()
    {
        ["id"] = o.Id, ["legacy_id"] = o.LegacyId,
        ["order_number"] = o.Input["order_number"]?.DeepClone(), ["partner_order_id"] = o.PartnerOrderId,
    };

    private static JsonObject Error(string field, string requestId, string message, int code, JsonObject? extra)
    {
        var error = new JsonObject { ["message"] = message, ["operation"] = field, ["field"] = field, ["request_id"] = requestId, ["code"] = code };
        foreach (var (k, v) in extra ?? []) error[k] = v?.DeepClone();
        return new JsonObject { ["errors"] = new JsonArray(error), ["data"] = new JsonObject { [field] = null } };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
