using OrderSync.Core.Execution;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Local.Endpoints;

public static class OrderEndpoints
{
    private const int MaxListed = 500;

    /// <summary>The ops API: an order's state and timeline, an operator's retry, signals waiting for their order; and a liveness probe.</summary>
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders/{shop}/{orderId}", async (string shop, string orderId, OrderStore orders, CancellationToken cancellationToken) =>
        {
            if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
            var view = await orders.ViewAsync(key, cancellationToken);
            return view is null ? Unknown(shop, orderId) : Results.Json(view, OrderSyncJson.Options);
        });

        app.MapPost("/api/orders/{shop}/{orderId}/retry", async (string shop, string orderId, HttpRequest request,
            OperatorRequests operators, CancellationToken cancellationToken) =>
        {
            if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
            return await operators.RetryAsync(key, request.Headers["X-Operator"].ToString(), cancellationToken)
                ? Results.Json(new { reason = "retry queued" }, statusCode: 202)
                : Unknown(shop, orderId);
        });

        app.MapGet("/api/unmatched", async (UnmatchedSignals unmatched, CancellationToken cancellationToken) =>
            Results.Json(await unmatched.ListAsync(MaxListed, cancellationToken), OrderSyncJson.Options));

        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));
    }

    private static IResult InvalidKey(string shop, string orderId) =>
        Results.Problem($"'{shop}/{orderId}' is not a store domain and numeric order id", statusCode: 400);

    private static IResult Unknown(string shop, string orderId) =>
        Results.Problem($"order {shop}/{orderId} is not known to OrderSync", statusCode: 404);
}
