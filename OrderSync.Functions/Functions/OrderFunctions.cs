using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Execution;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Functions.Functions;

/// <summary>The ops API over the same tables as the local shell, behind function keys.</summary>
public sealed class OrderFunctions(OrderStore orders, OperatorRequests operators)
{
    [Function("GetOrder")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{shop}/{orderId}")] HttpRequest request,
        string shop,
        string orderId,
        CancellationToken cancellationToken)
    {
        if (!OrderKey.IsValidShop(shop) || !OrderKey.IsValidOrderId(orderId))
            return new BadRequestObjectResult(new { reason = $"'{shop}/{orderId}' is not a store domain and numeric order id" });
        var view = await orders.ViewAsync(OrderKey.Create(shop, orderId), cancellationToken);
        return view is null
            ? new NotFoundObjectResult(new { reason = $"order {shop}/{orderId} is not known to OrderSync" })
            : new JsonResult(view, OrderSyncJson.Options);
    }

    [Function("RetryOrder")]
    public async Task<IActionResult> RetryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{shop}/{orderId}/retry")] HttpRequest request,
        string shop,
        string orderId,
        CancellationToken cancellationToken)
    {
        if (!OrderKey.IsValidShop(shop) || !OrderKey.IsValidOrderId(orderId))
            return new BadRequestObjectResult(new { reason = $"'{shop}/{orderId}' is not a store domain and numeric order id" });
        var operatorName = request.Headers["X-Operator"].ToString() is { Length: > 0 } name ? name : "ops-api";
        return await operators.RetryAsync(OrderKey.Create(shop, orderId), operatorName, cancellationToken)
            ? new ObjectResult(new { reason = "retry queued" }) { StatusCode = 202 }
            : new NotFoundObjectResult(new { reason = $"order {shop}/{orderId} is not known to OrderSync" });
    }
}
