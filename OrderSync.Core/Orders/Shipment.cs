using System.Collections.Immutable;

namespace OrderSync.Core.Orders;

/// <summary>
/// One parcel (or set of parcels) a vendor shipped: its tracking, and which lines it holds.
/// <see cref="ShipmentId"/> is the vendor's own id for it, so the same shipment reported twice is recognised.
/// </summary>
public sealed record Shipment(
    string ShipmentId,
    ImmutableArray<string> TrackingNumbers,
    string? Carrier,
    ImmutableArray<string> TrackingUrls,
    ImmutableArray<ShippedLine> Lines,
    DateTimeOffset ShippedAt);

/// <summary>A shipped line as the vendor names it (its line id and/or SKU) and how many units.</summary>
public sealed record ShippedLine(string? VendorLineId, string? Sku, int Quantity);
