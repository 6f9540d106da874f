using System.Collections.Immutable;
using OrderSync.Core.Orders;

namespace OrderSync.Tests.Support;

/// <summary>Builds merchant orders for decider tests: a sensible paid order by default, changed only where a test says.</summary>
public sealed class OrderBuilder
{
    private readonly List<OrderLine> _lines = [];
    private OrderKey _key = new(ShopifyWebhookBuilder.MerchantShop, "1001");
    private PaymentStatus _payment = PaymentStatus.Paid;
    private DateTimeOffset? _cancelledAt;
    private DateTimeOffset _updatedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static OrderBuilder AnOrder() => new();

    public OrderBuilder WithId(string orderId) { _key = _key with { OrderId = orderId }; return this; }

    public OrderBuilder WithLine(string? sku, int quantity = 1, decimal price = 10m, string? title = null)
    {
        _lines.Add(new OrderLine($"{_lines.Count + 1}", sku, null, title ?? $"Product {sku}", quantity, price));
        return this;
    }

    public OrderBuilder WithPayment(PaymentStatus status) { _payment = status; return this; }

    public OrderBuilder CancelledAt(DateTimeOffset at) { _cancelledAt = at; return this; }

    public Order Build() => new(
        _key,
        "#" + _key.OrderId,
        "USD",
        new Customer("Ada", "Lovelace", "ada@example.com", "+15555550100"),
        new Address("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null),
        _lines.Count > 0 ? [.. _lines] : [new OrderLine("1", "SKU-A", null, "Product A", 1, 10m)],
        _payment,
        null,
        ImmutableArray<string>.Empty,
        "Standard",
        _cancelledAt,
        _updatedAt);
}
