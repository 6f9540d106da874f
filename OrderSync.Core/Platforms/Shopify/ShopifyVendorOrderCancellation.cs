// Cancelling a vendor's Shopify order.
// orderCancel(orderId: ID!, reason: OrderCancelReason!, restock: Boolean!, notifyCustomer: Boolean, staffNote: String,
//   refundMethod: OrderCancelRefundMethodInput {originalPaymentMethodsRefund, storeCreditRefund}; `refund: Boolean` is
//   the older argument) → OrderCancelPayload {job {id done}, orderCancelUserErrors {field message code}, userErrors (deprecated)}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCancel
//   https://shopify.dev/docs/api/admin-graphql/latest/payloads/ordercancelpayload
// The cancellation runs asynchronously ("The job that asynchronously cancels the order"). An order can only be cancelled
// if it "hasn't already been cancelled"; OrderCancelUserErrorCode has no ALREADY_CANCELLED value
// (https://shopify.dev/docs/api/admin-graphql/latest/enums/OrderCancelUserErrorCode), so "already cancelled" is
// recognised by reading Order.cancelledAt (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order) before
// cancelling and again after a refusal. $refundMethod is declared non-null and always sent, as in the doc example
// (https://shopify.dev/docs/api/admin-graphql/2026-07/mutations/orderCancel), whether or not the argument itself is required.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>OrderCancelReason: CUSTOMER, DECLINED, FRAUD, INVENTORY, OTHER, STAFF.</summary>
public enum VendorCancelReason { Customer, Declined, Fraud, Inventory, Other, Staff }

/// <summary>The outcome: the job Shopify runs the cancellation in (null when the order was already cancelled).</summary>
public sealed record VendorCancellation(string? JobId, bool JobDone, bool AlreadyCancelled);

public sealed class ShopifyVendorOrderCancellation(ShopifyGraphQlClient client)
{
    private const string ReadCancelled = """
        query OrderSyncOrderCancelled($id: ID!) {
          order(id: $id) { id cancelledAt }
        }
        """;

    private const string Cancel = """
        mutation OrderSyncCancelOrder($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String, $refundMethod: OrderCancelRefundMethodInput!) {
          orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote, refundMethod: $refundMethod) {
            job { id done }
            orderCancelUserErrors { field message code }
          }
        }
        """;

    /// <summary>
    /// Cancels the order, or answers <see cref="VendorCancellation.AlreadyCancelled"/> when it already is: idempotent.
    /// The vendor order is a copy OrderSync created without payment, so nothing is refunded by default.
    /// </summary>
    public async Task<VendorCancellation> CancelAsync(ShopifyStore store, string vendorOrderId, VendorCancelReason reason, bool restock,
        string? staffNote, CancellationToken cancellationToken, bool notifyCustomer = false, bool refundToOriginalPaymentMethods = false)
    {
        if (await IsCancelledAsync(store, vendorOrderId, cancellationToken)) return new VendorCancellation(null, true, true);

        var variables = new JsonObject
        {
            ["orderId"] = vendorOrderId,
            ["reason"] = reason.ToString().ToUpperInvariant(),
            ["restock"] = restock,
            ["notifyCustomer"] = notifyCustomer,
            ["staffNote"] = staffNote,
            ["refundMethod"] = new JsonObject { ["originalPaymentMethodsRefund"] = refundToOriginalPaymentMethods },
        };
        var data = await client.ExecuteAsync(store, Cancel, variables, cancellationToken);
        var (job, done, refusal) = ShopifyAnswer.Read(store, "orderCancel", () =>
        {
            var payload = data.GetProperty("orderCancel");
            if (ShopifyUserErrors.Any(payload, "orderCancelUserErrors"))
                return (null, false, ShopifyUserErrors.Describe(payload.GetProperty("orderCancelUserErrors")));
            var j = payload.GetProperty("job");
            if (j.ValueKind != JsonValueKind.Object) throw new InvalidOperationException("job is null");
            return ((string?)j.GetProperty("id").GetString(), j.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True, (string?)null);
        });

        if (refusal is null) return new VendorCancellation(job, done, false);
        // A concurrent or earlier cancellation (e.g. a retry after a lost answer) makes Shopify refuse: that is success.
        if (await IsCancelledAsync(store, vendorOrderId, cancellationToken)) return new VendorCancellation(null, true, true);
        throw PlatformException.Permanent($"vendor store {store} refused to cancel order {vendorOrderId}: {refusal}");
    }

    public async Task<bool> IsCancelledAsync(ShopifyStore store, string vendorOrderId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, ReadCancelled, new JsonObject { ["id"] = vendorOrderId }, cancellationToken);
        return ShopifyAnswer.Read(store, "order", () =>
        {
            var order = data.GetProperty("order");
            if (order.ValueKind != JsonValueKind.Object) throw PlatformException.Permanent($"vendor store {store} has no order {vendorOrderId}");
            return order.GetProperty("cancelledAt").ValueKind == JsonValueKind.String;
        });
    }
}
