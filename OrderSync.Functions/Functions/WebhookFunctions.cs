using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Webhooks;

namespace OrderSync.Functions.Functions;

/// <summary>POST /api/webhooks/{source}[/{account}]: the same Core ingress as the local shell. Anonymous: the platforms sign their webhooks.</summary>
public sealed class WebhookFunctions(WebhookIngress ingress)
{
    [Function("Webhook")]
    public async Task<IActionResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{source}/{account?}")] HttpRequest request,
        string source,
        string? account,
        CancellationToken cancellationToken)
    {
        var headers = new WebhookHeaders(request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
        var result = await ingress.HandleAsync(source, account, headers, request.Body, request.ContentLength, cancellationToken);
        return new JsonResult(result.Body()) { StatusCode = result.StatusCode };
    }
}
