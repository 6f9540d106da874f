using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderSync.Sandbox.Schemas;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// A loopback stand-in for Shopify's Admin GraphQL API, for any number of stores:
/// POST /stores/{domain}/admin/api/{version}/graphql.json with X-Shopify-Access-Token, body {query, variables};
/// answers {data, errors?, extensions: {cost}} as Shopify does. It serves orderCreate and orders(query: "tag:…"), and on
/// the merchant side order(id:), fulfillmentCreate and fulfillmentTrackingInfoUpdate (MerchantOrderOperations) and the order
/// list by creation time (MerchantOrderList).
/// GET /stores/{domain}/orders.json shows what a store holds, for a person trying the sandbox.
/// </summary>
public sealed partial class ShopifyAdminSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedShopifyStore> _stores = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly PlatformSchemas? _schemas;
    private WebApplication? _app;

    private ShopifyAdminSimulator(TimeProvider time, PlatformSchemas? schemas) => (_time, _schemas) = (time, schemas);

    public Uri BaseUrl { get; private set; } = null!;

    /// <param name="checkSchemas">
    /// Whether each request and answer is checked against Shopify's published schema of the API version in its path
    /// (<see cref="PlatformSchemas"/>): true but for benchmarks, which measure OrderSync rather than the checker.
    /// </param>
    public static async Task<ShopifyAdminSimulator> StartAsync(int port = 0, TimeProvider? time = null, bool checkSchemas = true,
        CancellationToken cancellationToken = default)
    {
        var simulator = new ShopifyAdminSimulator(time ?? TimeProvider.System, checkSchemas ? await PlatformSchemas.SharedAsync() : null);
        (simulator._app, simulator.BaseUrl) = await SimulatorHttp.StartAsync(port, app =>
        {
            app.MapPost("/stores/{domain}/admin/api/{version}/graphql.json", simulator.HandleGraphQlAsync);
            app.MapGet("/stores/{domain}/orders.json", (string domain) =>
                simulator._stores.TryGetValue(domain, out var store)
                    ? Results.Json(store.Orders.Select(o => new { o.Id, o.Name, o.Tags, o.CreatedAt, Input = o.Input }))
                    : Results.NotFound());
        }, cancellationToken);
        return simulator;
    }

    /// <summary>Adds a store; a small <paramref name="maximumAvailable"/>/<paramref name="restoreRate"/> makes throttling observable quickly.</summary>
    public SimulatedShopifyStore AddStore(string domain, string accessToken,
        double maximumAvailable = SimulatedShopifyStore.DefaultMaximumAvailable, double restoreRate = SimulatedShopifyStore.DefaultRestoreRate) =>
        _stores[domain] = new SimulatedShopifyStore(domain, accessToken, _time, maximumAvailable, restoreRate);

    public SimulatedShopifyStore Store(string domain) => _stores[domain];

    /// <summary>The base URL a client uses for <paramref name="domain"/>, in place of https://{domain}/.</summary>
    public Uri AdminBaseUrl(string domain) => new(BaseUrl, $"stores/{domain}/");

    private async Task HandleGraphQlAsync(HttpContext context, string domain, string version)
    {
        var response = context.Response;
        if (!_stores.TryGetValue(domain, out var store))
        {
            await SimulatorHttp.WriteJsonAsync(response, 404, new JsonObject { ["errors"] = "Not Found" });
            return;
        }
        if (context.Request.Headers["X-Shopify-Access-Token"] != store.AccessToken)
        {
            await SimulatorHttp.WriteJsonAsync(response, 401, new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" });
            return;
        }

        if (await SimulatorHttp.ReadJsonObjectAsync(context) is not { } request)
        {
            await SimulatorHttp.WriteJsonAsync(response, 400, new JsonObject { ["errors"] = new JsonObject { ["query"] = "Required parameter missing or invalid" } });
            return;
        }

        var (field, variables) = SimulatorHttp.SplitGraphQlRequest(request);
        store.Record(field, (JsonObject)variables.DeepClone());
        var query = request["query"]?.GetValue<string>() ?? "";
        if (_schemas is not null && await _schemas.ShopifyRequestProblemsAsync(version, query, variables, context.RequestAborted) is { Count: > 0 } problems)
        {
            await SimulatorHttp.WriteJsonAsync(response, 200, new JsonObject { ["errors"] = new JsonArray([.. problems]) });
            return;
        }

        var fault = store.TakeFault(field);
        switch (fault)
        {
            case ShopifyFault.RateLimited r:
                response.Headers.RetryAfter = r.RetryAfterSeconds.ToString();
                await SimulatorHttp.WriteJsonAsync(response, 429, new JsonObject { ["errors"] = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." });
                return;
            case ShopifyFault.ServerError s:
                await SimulatorHttp.WriteJsonAsync(response, s.StatusCode, new JsonObject { ["errors"] = "Internal Server Error" });
                return;
            case ShopifyFault.MalformedBody:
                await SimulatorHttp.WriteHtmlAsync(response, "<html><body>upstream connect error</body></html>");
                return;
            case ShopifyFault.UnexpectedShape:
                await SimulatorHttp.WriteJsonAsync(response, 200, new JsonObject { ["data"] = new JsonObject { [field] = null } });
                return;
            case ShopifyFault.StallBeforeEffect stall:
                if (!await SimulatorHttp.StallAsync(stall.Delay, context.RequestAborted)) return;
                break;
        }

        var cost = CostOf(field);
        if (fault is ShopifyFault.Throttled || !store.TrySpend(cost, out _))
        {
            store.CountThrottled();
            store.TrySpend(0, out var available);
            await SimulatorHttp.WriteJsonAsync(response, 200, new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Throttled",
                    ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
                }),
                ["extensions"] = Cost(store, cost, null, available),
            });
            return;
        }

        var body = field switch
        {
            "orderCreate" => OrderCreate(store, variables, fault as ShopifyFault.UserError),
            "orderUpdate" => VendorOrderUpdate(store, variables, fault as ShopifyFault.UserError),
            "orderEditBegin" => VendorOrderEditBegin(store, variables, fault as ShopifyFault.UserError),
            "orderEditSetQuantity" or "orderEditAddVariant" or "orderEditAddCustomItem" => VendorOrderEditStep(field, store, variables, fault as ShopifyFault.UserError),
            "orderEditCommit" => VendorOrderEditCommit(store, variables, fault as ShopifyFault.UserError),
            "orderCancel" => VendorOrderCancel(store, variables, fault as ShopifyFault.UserError),
            // A store's order(id:) is a seeded merchant order or an order created on it as a vendor store.
            "order" when IsMerchantOrder(store, variables) => MerchantOrderOperations.Order(store, variables),
            "order" => VendorOrder(store, variables),
            "orders" when IsChangedSinceQuery(variables) => VendorOrdersChangedSince(store, variables),
            "orders" when MerchantOrderList.IsCreatedSinceQuery(variables) => MerchantOrderList.CreatedSince(store, variables),
            "orders" => Orders(store, variables),
            "fulfillmentCreate" => MerchantOrderOperations.FulfillmentCreate(store, variables, fault as ShopifyFault.UserError),
            "fulfillmentTrackingInfoUpdate" => MerchantOrderOperations.TrackingInfoUpdate(store, variables, fault as ShopifyFault.UserError),
            _ => new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    // Past the schema check, the field is Shopify's but not one this simulator serves.
                    ["message"] = _schemas is null ? $"Field '{field}' doesn't exist on type 'QueryRoot'" : $"The simulator does not serve '{field}'",
                    ["extensions"] = new JsonObject { ["code"] = "undefinedField", ["typeName"] = "QueryRoot", ["fieldName"] = field },
                }),
            },
        };
        store.TrySpend(0, out var left);
        body["extensions"] = Cost(store, cost, cost, left);
        if (_schemas is not null) body = await ShapedBySchemaAsync(_schemas, version, query, variables, body, context.RequestAborted);

        if (fault is ShopifyFault.StallAfterEffect after && !await SimulatorHttp.StallAsync(after.Delay, context.RequestAborted)) return;
        await SimulatorHttp.WriteJsonAsync(response, 200, body);
    }

    /// <summary>The answer holding exactly what the request asked for; a simulator answer the schema does not allow is answered as errors naming what is wrong.</summary>
    private static async Task<JsonObject> ShapedBySchemaAsync(PlatformSchemas schemas, string version, string query, JsonObject variables,
        JsonObject body, CancellationToken cancellationToken)
    {
        if (body["data"] is null) return body;
        var (problems, data) = await schemas.ShopifyAnswerAsync(version, query, variables, body["data"], cancellationToken);
        if (problems.Count == 0)
        {
            body["data"] = data;
            return body;
        }
        return new JsonObject
        {
            ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject
            {
                ["message"] = $"The simulator's answer does not fit the {version} schema: {p["message"]}", ["path"] = p["path"]?.DeepClone(),
            })]),
        };
    }

    private static JsonObject OrderCreate(SimulatedShopifyStore store, JsonObject variables, ShopifyFault.UserError? userError)
    {
        if (userError is not null)
            return Data("orderCreate", new JsonObject
            {
                ["order"] = null,
                ["userErrors"] = new JsonArray(new JsonObject
                {
                    ["field"] = new JsonArray([.. userError.Field.Split('.').Select(f => (JsonNode)f)]),
                    ["message"] = userError.Message,
                    ["code"] = "INVALID",
                }),
            });

        var order = store.CreateOrder((JsonObject)variables["order"]!.DeepClone());
        return Data("orderCreate", new JsonObject
        {
            ["order"] = new JsonObject { ["id"] = order.Id, ["name"] = order.Name },
            ["userErrors"] = new JsonArray(),
        });
    }

    private static JsonObject Orders(SimulatedShopifyStore store, JsonObject variables)
    {
        var search = variables["query"]?.GetValue<string>() ?? "";
        var tag = TagFilter().Match(search) is { Success: true } m ? m.Groups["tag"].Value : null;
        var found = tag is null ? store.Orders : store.FindByTag(tag);
        return Data("orders", new JsonObject
        {
            ["nodes"] = new JsonArray([.. found.Take(1).Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["name"] = o.Name })]),
        });
    }

    /// <summary>What each operation costs here: mutations 10, the merchant order read 20, other reads 3 (fixed, for the simulator only).</summary>
    private static double CostOf(string field) => field switch
    {
        "orderCreate" or "fulfillmentCreate" or "fulfillmentTrackingInfoUpdate" => 10,
        "order" => 20,
        _ => 3,
    };

    private static bool IsMerchantOrder(SimulatedShopifyStore store, JsonObject variables) =>
        variables["id"]?.GetValue<string>() is { } id && store.WithMerchantOrders(orders => orders.ContainsKey(id));

    internal static JsonObject Data(string field, JsonObject value) => new() { ["data"] = new JsonObject { [field] = value } };

    private static JsonObject Cost(SimulatedShopifyStore store, double requested, double? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = store.MaximumAvailable,
                ["currentlyAvailable"] = Math.Floor(available),
                ["restoreRate"] = store.RestoreRate,
            },
        },
    };

    [GeneratedRegex(@"\btag:\s*'?(?<tag>[^'\s]+)'?")]
    private static partial Regex TagFilter();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
