using System.Collections.Immutable;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Tests.Integration.Execution;

/// <summary>Commands as the decider issues them, with their deterministic ids, for the executor tests.</summary>
internal static class CommandBuilder
{
    public static readonly Address ShipTo = new("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", "+44 20 7946 0000");
    public static readonly Customer Buyer = new("Ada", "Lovelace", "ada@example.com", null);

    public static RoutedLine Line(string merchantLineId, string sku, int quantity, decimal price = 10m) => new(merchantLineId, sku, $"Item {sku}", quantity, price);

    public static ImmutableArray<RoutedLine> TwoLines => [Line("11", "VENDOR-SKU-1", 2, 12.50m), Line("12", "VENDOR-SKU-2", 5, 1.00m)];

    public static PushOrderToVendor Push(OrderKey order, string vendorId, ImmutableArray<RoutedLine>? lines = null) =>
        new(IdempotencyKeys.Push(order, vendorId), vendorId,
            new VendorOrderDraft(order, "#1001", "EUR", Buyer, ShipTo, lines ?? TwoLines, "leave at the door", "Standard"));

    public static UpdateVendorOrder Update(OrderKey order, string vendorId, string vendorOrderId, VendorOrderDetails details, int revision = 1) =>
        new(IdempotencyKeys.Update(order, vendorId, revision), order, vendorId, vendorOrderId, details);

    public static VendorOrderDetails Details(string email = "grace@example.com", string note = "ring twice") =>
        new(Buyer with { Email = email }, ShipTo with { Address1 = "2 Difference Street" }, note, ["vip"], "Standard");

    public static EditVendorOrderLines Edit(OrderKey order, string vendorId, string vendorOrderId, ImmutableArray<RoutedLine> lines, int revision = 1) =>
        new(IdempotencyKeys.EditLines(order, vendorId, revision), order, vendorId, vendorOrderId, lines) { Currency = "EUR" };

    public static CancelVendorOrder Cancel(OrderKey order, string vendorId, string vendorOrderId) =>
        new(IdempotencyKeys.Cancel(order, vendorId), order, vendorId, vendorOrderId, "the merchant cancelled the order");

    public static CancelUnconfirmedPush CancelUnconfirmed(OrderKey order, string vendorId) =>
        new(IdempotencyKeys.CancelUnconfirmed(order, vendorId), order, vendorId, Push(order, vendorId).Id, "the merchant cancelled the order");

    public static Tracking Tracking(string? carrier, params string[] numbers) => new([.. numbers], carrier, []);

    public static ReportTrackingToShopify ToShopify(OrderKey order, ImmutableArray<FulfilledLine> lines, Tracking tracking, string? fulfillmentId = null, int revision = 0) =>
        new(IdempotencyKeys.Report(order, TrackingTarget.Shopify, "shop-vendor", "shipment-1", revision), order, "shipment-1", lines, tracking, fulfillmentId);

    public static ReportTrackingToPayPal ToPayPal(OrderKey order, string captureId, Tracking tracking, string? trackerId = null, int revision = 0) =>
        new(IdempotencyKeys.Report(order, TrackingTarget.PayPal, "shop-vendor", "shipment-1", revision), order, "shipment-1", captureId, tracking, trackerId);

    public static ReportTrackingToStripe ToStripe(OrderKey order, string paymentIntentId, Tracking tracking, ImmutableArray<string> replaces = default, int revision = 0) =>
        new(IdempotencyKeys.Report(order, TrackingTarget.Stripe, "shop-vendor", "shipment-1", revision), order, "shipment-1", paymentIntentId, ShipTo, tracking,
            replaces.IsDefault ? [] : replaces);
}
