using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Local.Endpoints;

public static class OrderEndpoints
{
    /// <summary>The ops API: an order's state and timeline; and a liveness probe.</summary>
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders/{shop}/{orderId}", async (string shop, string orderId, OrderStore orders, CancellationToken cancellationToken) =>
        {
            if (!OrderKey.IsValidShop(shop) || !OrderKey.IsValidOrderId(orderId))
                return Results.Problem($"'{shop}/{orderId}' is not a store domain and numeric order id", statusCode: 400);
            var view = await orders.ViewAsync(OrderKey.Create(shop, orderId), cancellationToken);
            return view is null
                ? Results.Problem($"order {shop}/{orderId} is not known to OrderSync", statusCode: 404)
                : Results.Json(view, OrderSyncJson.Options);
        });

        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));
    }
}
