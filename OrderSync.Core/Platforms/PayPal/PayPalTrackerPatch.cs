using System.Text.Json.Nodes;

namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// One JSON Patch operation of PATCH /v2/checkout/orders/{id}/trackers/{tracker_id} (developer.paypal.com/api/orders/v2/orders-trackers-patch).
/// PayPal documents these as patchable: items (replace: the whole array), notify_payer (replace, add) and status (replace;
/// "Only patching status to CANCELLED is currently supported"). The tracking number is not patchable: to change it,
/// cancel the tracker and add a new one.
/// </summary>
public sealed record PayPalTrackerPatch(string Op, string Path, JsonNode? Value)
{
    public static PayPalTrackerPatch Cancel() => new("replace", "/status", JsonValue.Create(PayPalTracker.Cancelled));

    public static PayPalTrackerPatch NotifyPayer(bool notify) => new("replace", "/notify_payer", JsonValue.Create(notify));
}
