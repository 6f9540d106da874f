using System.Collections.Immutable;
using System.Text.Json.Serialization;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;

namespace OrderSync.Core.Lifecycle;

/// <summary>Work the decider asks the shell to do against a platform. <see cref="Id"/> is the deterministic idempotency key.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PushOrderToVendor), "pushOrderToVendor")]
[JsonDerivedType(typeof(UpdateVendorOrder), "updateVendorOrder")]
[JsonDerivedType(typeof(EditVendorOrderLines), "editVendorOrderLines")]
[JsonDerivedType(typeof(CancelVendorOrder), "cancelVendorOrder")]
[JsonDerivedType(typeof(CancelUnconfirmedPush), "cancelUnconfirmedPush")]
[JsonDerivedType(typeof(ReportTrackingToShopify), "reportTrackingToShopify")]
[JsonDerivedType(typeof(ReportTrackingToPayPal), "reportTrackingToPayPal")]
[JsonDerivedType(typeof(ReportTrackingToStripe), "reportTrackingToStripe")]
[JsonDerivedType(typeof(FindPaymentReferences), "findPaymentReferences")]
public abstract record Command(string Id);

/// <summary>Create the vendor's part of the order at the vendor. Its outcome is <see cref="VendorOrderCreated"/>.</summary>
public sealed record PushOrderToVendor(string Id, string VendorId, VendorOrderDraft Draft) : Command(Id);

/// <summary>What a vendor receives: the merchant's order reference, the vendor's lines, where to ship, whom to contact.</summary>
public sealed record VendorOrderDraft(
    OrderKey MerchantOrder,
    string MerchantOrderName,
    string Currency,
    Customer Customer,
    Address? ShippingAddress,
    ImmutableArray<RoutedLine> Lines,
    string? Note,
    string? ShippingMethod);

/// <summary>Set the order-level fields of a vendor order to <see cref="Details"/> (idempotent: the same details sent twice change nothing).</summary>
public sealed record UpdateVendorOrder(string Id, OrderKey Order, string VendorId, string VendorOrderId, VendorOrderDetails Details) : Command(Id);

/// <summary>Make a vendor order's lines exactly <see cref="Lines"/> (absolute quantities; a line absent here is removed).</summary>
public sealed record EditVendorOrderLines(string Id, OrderKey Order, string VendorId, string VendorOrderId, ImmutableArray<RoutedLine> Lines) : Command(Id)
{
    /// <summary>The order's currency: a line the vendor order does not have yet is added at its price in this currency.</summary>
    public string? Currency { get; init; }
}

public sealed record CancelVendorOrder(string Id, OrderKey Order, string VendorId, string VendorOrderId, string Reason) : Command(Id);

/// <summary>
/// Cancel what a push that failed without an answer (<see cref="PushId"/>) may have left at the vendor: the vendor is asked
/// for the order made under that push and, if it holds one, it is cancelled. The outcome's reference is the vendor order
/// cancelled, or none when the push never reached the vendor.
/// </summary>
public sealed record CancelUnconfirmedPush(string Id, OrderKey Order, string VendorId, string PushId, string Reason) : Command(Id);

/// <summary>
/// A fulfillment with tracking on the merchant's Shopify order for exactly <see cref="Lines"/> (merchant line ids);
/// when <see cref="FulfillmentId"/> is set the fulfillment exists and only its tracking is corrected.
/// </summary>
public sealed record ReportTrackingToShopify(
    string Id, OrderKey Order, string ShipmentId, ImmutableArray<FulfilledLine> Lines, Tracking Tracking, string? FulfillmentId) : Command(Id);

/// <summary>A tracker on the PayPal capture (never the authorization); <see cref="TrackerId"/> set means correct that tracker.</summary>
public sealed record ReportTrackingToPayPal(
    string Id, OrderKey Order, string ShipmentId, string CaptureId, Tracking Tracking, string? TrackerId) : Command(Id);

/// <summary>
/// Carrier and tracking number on the Stripe PaymentIntent; <see cref="Replaces"/> are numbers this shipment had before a
/// correction; <see cref="Keeps"/> the numbers of the order's other shipments that go to Stripe (the PaymentIntent holds one
/// list for them all; default in a command saved before they were named: then the PaymentIntent is read for them).
/// </summary>
public sealed record ReportTrackingToStripe(
    string Id, OrderKey Order, string ShipmentId, string PaymentIntentId, Address? ShipTo, Tracking Tracking, ImmutableArray<string> Replaces,
    ImmutableArray<string> Keeps = default) : Command(Id);

/// <summary>
/// Read the merchant order's transactions for its PayPal capture id and Stripe PaymentIntent id, and link them to the
/// order so PayPal's and Stripe's own webhooks find it. Its outcome is <see cref="PaymentReferencesFound"/>.
/// </summary>
public sealed record FindPaymentReferences(string Id, OrderKey Order) : Command(Id);

/// <summary>The order-level fields a vendor holds: whom to contact, where to ship, the note, tags and shipping method.</summary>
public sealed record VendorOrderDetails(Customer Customer, Address? ShippingAddress, string? Note, ImmutableArray<string> Tags, string? ShippingMethod)
{
    public static VendorOrderDetails Of(Order order, SyncSettings settings) =>
        new(settings.ContactFor(order.Customer), order.ShippingAddress, order.Note, order.Tags, order.ShippingMethod);

    /// <summary>The names of the fields that differ from <paramref name="other"/>.</summary>
    public ImmutableArray<string> Differences(VendorOrderDetails other)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        if (Customer.Email != other.Customer.Email) names.Add("email");
        if (Customer.Phone != other.Customer.Phone) names.Add("phone");
        if (Customer.FirstName != other.Customer.FirstName || Customer.LastName != other.Customer.LastName) names.Add("customer name");
        if (ShippingAddress != other.ShippingAddress) names.Add("shipping address");
        if (Note != other.Note) names.Add("note");
        if (!Tags.SequenceEqual(other.Tags)) names.Add("tags");
        if (ShippingMethod != other.ShippingMethod) names.Add("shipping method");
        return names.ToImmutable();
    }
}

/// <summary>A shipment's tracking as the vendor gave it: numbers, carrier (free text), tracking pages.</summary>
public sealed record Tracking(ImmutableArray<string> Numbers, string? Carrier, ImmutableArray<string> Urls)
{
    public static Tracking Of(Shipment shipment) => new(shipment.TrackingNumbers, shipment.Carrier, shipment.TrackingUrls);

    public bool SameAs(Tracking other) =>
        Numbers.SequenceEqual(other.Numbers) && Carrier == other.Carrier && Urls.SequenceEqual(other.Urls);

    public override string ToString() => $"{string.Join(", ", Numbers.DefaultIfEmpty("no tracking number"))}{(Carrier is null ? "" : $" ({Carrier})")}";
}

/// <summary>A merchant order line and how many of its units a shipment holds.</summary>
public sealed record FulfilledLine(string MerchantLineId, int Quantity);

/// <summary>Deterministic idempotency keys: the same step of the same order always gets the same key.</summary>
public static class IdempotencyKeys
{
    public static string Push(OrderKey order, string vendorId) => $"push:{order.Shop}:{order.OrderId}:{vendorId}";

    public static string Update(OrderKey order, string vendorId, int revision) => $"update:{order.Shop}:{order.OrderId}:{vendorId}:{revision}";

    public static string EditLines(OrderKey order, string vendorId, int revision) => $"edit:{order.Shop}:{order.OrderId}:{vendorId}:{revision}";

    public static string PaymentReferences(OrderKey order) => $"payments:{order.Shop}:{order.OrderId}";

    public static string Cancel(OrderKey order, string vendorId) => $"cancel:{order.Shop}:{order.OrderId}:{vendorId}";

    public static string CancelUnconfirmed(OrderKey order, string vendorId) => $"cancel-unconfirmed:{order.Shop}:{order.OrderId}:{vendorId}";

    /// <summary>Revision 0 creates the report; each correction of the shipment's tracking gets the next revision.</summary>
    public static string Report(OrderKey order, TrackingTarget target, string vendorId, string shipmentId, int revision) =>
        $"track-{target.ToString().ToLowerInvariant()}:{order.Shop}:{order.OrderId}:{vendorId}:{shipmentId}{(revision == 0 ? "" : $":r{revision}")}";
}
