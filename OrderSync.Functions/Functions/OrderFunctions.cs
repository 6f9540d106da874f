using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Orders;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Functions.Functions;

/// <summary>GET /api/orders/{shop}/{orderId}: an order's state and timeline, from the same tables; behind a function key.</summary>
public sealed class OrderFunctions(OrderStore orders)
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
}
