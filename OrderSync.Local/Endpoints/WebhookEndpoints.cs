using OrderSync.Core.Webhooks;

namespace OrderSync.Local.Endpoints;

public static class WebhookEndpoints
{
    /// <summary>POST /api/webhooks/{source}[/{account}]: hands the raw request to the Core ingress and returns its answer.</summary>
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/webhooks/{source}/{account?}", async (string source, string? account, HttpRequest request, WebhookIngress ingress, CancellationToken cancellationToken) =>
        {
            var headers = new WebhookHeaders(request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
            var result = await ingress.HandleAsync(source, account, headers, request.Body, request.ContentLength, cancellationToken);
            return Results.Json(result.Body(), statusCode: result.StatusCode);
        });
}
