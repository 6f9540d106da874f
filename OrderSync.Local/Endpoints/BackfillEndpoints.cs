using OrderSync.Core.Polling;

namespace OrderSync.Local.Endpoints;

public static class BackfillEndpoints
{
    /// <summary>POST /api/backfill[?shop=]: runs the back-fill now, of every connected merchant store or of one; 202 with what it queued.</summary>
    public static void MapBackfillEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/backfill", async (string? shop, OrderBackfill backfill, CancellationToken cancellationToken) =>
        {
            var result = await backfill.RunAsync(shop, cancellationToken);
            return result is null
                ? Results.Problem(OrderBackfill.NotConnected(shop), statusCode: 404)
                : Results.Json(result, statusCode: 202);
        });
}
