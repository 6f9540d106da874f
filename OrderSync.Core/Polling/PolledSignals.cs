using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Polling;

/// <summary>What every feed's signals share: their id (so a re-read shipment is recognised) and their origin.</summary>
public static class PolledSignals
{
    public const string SourceName = "tracking-poll";

    /// <summary>Vendor, shipment and tracking numbers: the same shipment read again has the same id; a corrected tracking number a new one.</summary>
    public static string Id(string vendorId, Shipment shipment) =>
        $"{SourceName}:{vendorId}:{shipment.ShipmentId}:{string.Join(",", shipment.TrackingNumbers)}";

    public static SignalOrigin Origin(string topic, string? eventId, DateTimeOffset? occurredAt, DateTimeOffset now) =>
        new(SourceName, topic, eventId, occurredAt, now);
}
