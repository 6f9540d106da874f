using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Local.Endpoints;

public static class OrderEndpoints
{
    private const int MaxListed = 500;

    /// <summary>The ops API: an order's state and timeline, an operator's retry or re-evaluation, signals waiting for their order, signals set aside as poisoned; and the health of the storage it depends on.</summary>
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app, OrderRuntime runtime)
    {
        app.MapGet("/api/orders", async (string? status, OrderStore orders, CancellationToken cancellationToken) =>
            status is null || !OrderStatus.All.Contains(status)
                ? Results.Problem(OpsAnswers.StatusRequired, statusCode: 400)
                : Results.Json(await orders.ListAsync(status, MaxListed, cancellationToken), OrderSyncJson.Options));

        app.MapGet("/api/orders/{shop}/{orderId}", async (string shop, string orderId, OrderStore orders, CancellationToken cancellationToken) =>
        {
            if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
            var view = await orders.ViewAsync(key, cancellationToken);
            return view is null ? Unknown(shop, orderId) : Results.Json(view, OrderSyncJson.Options);
        });

        app.MapPost("/api/orders/{shop}/{orderId}/retry", OperatorRequest("retry queued", (operators, key, name, ct) => operators.RetryAsync(key, name, ct)));
        app.MapPost("/api/orders/{shop}/{orderId}/reevaluate", OperatorRequest("re-evaluation queued", (operators, key, name, ct) => operators.ReevaluateAsync(key, name, ct)));

        app.MapGet("/api/unmatched", async (UnmatchedSignals unmatched, CancellationToken cancellationToken) =>
            Results.Json(await unmatched.ListAsync(MaxListed, cancellationToken), OrderSyncJson.Options));

        app.MapGet("/api/poisoned", async (IPoisonedSignals poisoned, CancellationToken cancellationToken) =>
            Results.Json(await poisoned.ListAsync(MaxListed, cancellationToken), OrderSyncJson.Options));

        app.MapGet("/api/health", async (StorageHealth health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            return Results.Json(report with { Runtime = runtime.ToString() }, OrderSyncJson.Options, statusCode: report.StatusCode);
        });
    }

    /// <summary>POST /api/orders/{shop}/{orderId}/{action}: queues an operator's request; X-Operator names who asks.</summary>
    private static Delegate OperatorRequest(string accepted, Func<OperatorRequests, OrderKey, string, CancellationToken, Task<bool>> request) =>
        async (string shop, string orderId, HttpRequest http, OperatorRequests operators, CancellationToken cancellationToken) =>
        {
            if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
            return await request(operators, key, http.Headers["X-Operator"].ToString(), cancellationToken)
                ? Results.Json(new { reason = accepted }, statusCode: 202)
                : Unknown(shop, orderId);
        };

    private static IResult InvalidKey(string shop, string orderId) =>
        Results.Problem(OpsAnswers.InvalidKey(shop, orderId), statusCode: 400);

    private static IResult Unknown(string shop, string orderId) =>
        Results.Problem(OpsAnswers.UnknownOrder(shop, orderId), statusCode: 404);
}
