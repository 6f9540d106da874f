using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OrderSync.Core.Serialization;
using OrderSync.Core.Storage;

namespace OrderSync.Functions.Functions;

/// <summary>GET /api/health: whether the tables and the signal queue answer (200), or which do not (503); behind a function key like the ops API.</summary>
public sealed class HealthFunctions(StorageHealth health)
{
    [Function("Health")]
    public async Task<IActionResult> CheckAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return new JsonResult(report, OrderSyncJson.Options) { StatusCode = report.StatusCode };
    }
}
