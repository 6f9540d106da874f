using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Tests.Support;

/// <summary>Builds a vendor's shipment: one tracking number with a carrier, the lines named by vendor SKU.</summary>
public sealed class ShipmentBuilder
{
    private readonly string _id;
    private readonly List<ShippedLine> _lines = [];
    private ImmutableArray<string> _numbers = ["1Z999AA10123456784"];
    private string? _carrier = "UPS";
    private DateTimeOffset _shippedAt = LifecycleSpec.Start.AddDays(1);

    private ShipmentBuilder(string id) => _id = id;

    public static ShipmentBuilder AShipment(string id = "shp-1") => new(id);

    public ShipmentBuilder Of(string vendorSku, int quantity = 1) { _lines.Add(new ShippedLine(null, vendorSku, quantity)); return this; }

    public ShipmentBuilder Tracked(string number, string? carrier = "UPS") { _numbers = [number]; _carrier = carrier; return this; }

    public ShipmentBuilder Untracked() { _numbers = []; return this; }

    public Shipment Build() => new(_id, _numbers, _carrier, [.. _numbers.Select(n => $"https://track.example/{n}")], [.. _lines], _shippedAt);
}
