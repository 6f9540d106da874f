using System.Collections.Immutable;

namespace OrderSync.Core.Orders;

/// <summary>A merchant order as OrderSync needs it: what was bought, where it goes, who to contact, how it is paid.</summary>
public sealed record Order(
    OrderKey Key,
    string Name,
    string Currency,
    Customer Customer,
    Address? ShippingAddress,
    ImmutableArray<OrderLine> Lines,
    PaymentStatus PaymentStatus,
    string? Note,
    ImmutableArray<string> Tags,
    string? ShippingMethod,
    DateTimeOffset? CancelledAt,
    DateTimeOffset UpdatedAt);
