using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Execution;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Polling;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Functions.Functions;

/// <summary>The ops API over the same tables as the local shell, behind function keys.</summary>
public sealed class OrderFunctions(OrderStore orders, OperatorRequests operators, UnmatchedSignals unmatched, OrderBackfill backfill, IPoisonedSignals poisoned)
{
    private const int MaxListed = 500;

    [Function("ListUnmatched")]
    public async Task<IActionResult> ListUnmatchedAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "unmatched")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new JsonResult(await unmatched.ListAsync(MaxListed, cancellationToken), OrderSyncJson.Options);

    [Function("ListPoisoned")]
    public async Task<IActionResult> ListPoisonedAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "poisoned")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new JsonResult(await poisoned.ListAsync(MaxListed, cancellationToken), OrderSyncJson.Options);

    [Function("ListOrders")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var status = request.Query["status"].ToString();
        return OrderStatus.All.Contains(status)
            ? new JsonResult(await orders.ListAsync(status, MaxListed, cancellationToken), OrderSyncJson.Options)
            : new BadRequestObjectResult(new { reason = OpsAnswers.StatusRequired });
    }

    [Function("GetOrder")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{shop}/{orderId}")] HttpRequest request,
        string shop,
        string orderId,
        CancellationToken cancellationToken)
    {
        if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
        var view = await orders.ViewAsync(key, cancellationToken);
        return view is null ? Unknown(shop, orderId) : new JsonResult(view, OrderSyncJson.Options);
    }

    [Function("RetryOrder")]
    public Task<IActionResult> RetryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{shop}/{orderId}/retry")] HttpRequest request,
        string shop,
        string orderId,
        CancellationToken cancellationToken)
        => OperatorRequestAsync(shop, orderId, "retry queued", key => operators.RetryAsync(key, request.Headers["X-Operator"].ToString(), cancellationToken));

    [Function("ReevaluateOrder")]
    public Task<IActionResult> ReevaluateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{shop}/{orderId}/reevaluate")] HttpRequest request,
        string shop,
        string orderId,
        CancellationToken cancellationToken)
        => OperatorRequestAsync(shop, orderId, "re-evaluation queued", key => operators.ReevaluateAsync(key, request.Headers["X-Operator"].ToString(), cancellationToken));

    [Function("RunBackfill")]
    public async Task<IActionResult> BackfillAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var shop = request.Query["shop"].ToString() is { Length: > 0 } given ? given : null;
        var result = await backfill.RunAsync(shop, cancellationToken);
        return result is null
            ? new NotFoundObjectResult(new { reason = OrderBackfill.NotConnected(shop) })
            : new ObjectResult(result) { StatusCode = 202 };
    }

    private static async Task<IActionResult> OperatorRequestAsync(string shop, string orderId, string accepted, Func<OrderKey, Task<bool>> request)
    {
        if (!OrderKey.TryCreate(shop, orderId, out var key)) return InvalidKey(shop, orderId);
        return await request(key) ? new ObjectResult(new { reason = accepted }) { StatusCode = 202 } : Unknown(shop, orderId);
    }

    private static BadRequestObjectResult InvalidKey(string shop, string orderId) =>
        new(new { reason = OpsAnswers.InvalidKey(shop, orderId) });

    private static NotFoundObjectResult Unknown(string shop, string orderId) =>
        new(new { reason = OpsAnswers.UnknownOrder(shop, orderId) });
}
