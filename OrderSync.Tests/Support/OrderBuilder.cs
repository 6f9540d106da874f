using System.Collections.Immutable;
using OrderSync.Core.Orders;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Tests.Support;

/// <summary>Builds merchant orders for decider tests: a sensible paid order by default, changed only where a test says.</summary>
public sealed class OrderBuilder
{
    public static readonly Customer Buyer = new("Ada", "Lovelace", "ada@example.com", "+15555550100");
    public static readonly Address LondonAddress = new("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null);

    private readonly List<OrderLine> _lines = [];
    private OrderKey _key = new(ShopifyWebhookBuilder.MerchantShop, "1001");
    private PaymentStatus _payment = PaymentStatus.Paid;
    private DateTimeOffset? _cancelledAt;
    private DateTimeOffset _updatedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private Customer _customer = Buyer;
    private Address? _address = LondonAddress;
    private string? _note;
    private ImmutableArray<string> _tags = [];
    private string? _shippingMethod = "Standard";

    public static OrderBuilder AnOrder() => new();

    public OrderBuilder WithId(string orderId) { _key = _key with { OrderId = orderId }; return this; }

    public OrderBuilder WithKey(OrderKey key) { _key = key; return this; }

    /// <summary>A line with the next line id ("1", "2", …).</summary>
    public OrderBuilder WithLine(string? sku, int quantity = 1, decimal price = 10m, string? title = null) =>
        WithLineId($"{_lines.Count + 1}", sku, quantity, price, title);

    /// <summary>A line with a given merchant line id, as a snapshot after an edit names it.</summary>
    public OrderBuilder WithLineId(string lineId, string? sku, int quantity = 1, decimal price = 10m, string? title = null)
    {
        _lines.Add(new OrderLine(lineId, sku, null, title ?? $"Product {sku}", quantity, price));
        return this;
    }

    public OrderBuilder WithPayment(PaymentStatus status) { _payment = status; return this; }

    public OrderBuilder CancelledAt(DateTimeOffset at) { _cancelledAt = at; return this; }

    /// <summary>The order as Shopify last changed it: later snapshots need a later time to be taken as newer.</summary>
    public OrderBuilder UpdatedAt(DateTimeOffset at) { _updatedAt = at; return this; }

    /// <summary>The order as of <paramref name="minutes"/> after the default time.</summary>
    public OrderBuilder UpdatedMinutesLater(int minutes) => UpdatedAt(LifecycleSpec.Start.AddMinutes(minutes));

    public OrderBuilder WithCustomer(Customer customer) { _customer = customer; return this; }

    public OrderBuilder WithAddress(Address? address) { _address = address; return this; }

    public OrderBuilder WithNote(string? note) { _note = note; return this; }

    public OrderBuilder WithTags(params string[] tags) { _tags = [.. tags]; return this; }

    public OrderBuilder WithShippingMethod(string? method) { _shippingMethod = method; return this; }

    public Order Build() => new(
        _key,
        "#" + _key.OrderId,
        "USD",
        _customer,
        _address,
        _lines.Count > 0 ? [.. _lines] : [new OrderLine("1", "SKU-A", null, "Product A", 1, 10m)],
        _payment,
        _note,
        _tags,
        _shippingMethod,
        _cancelledAt,
        _updatedAt);
}
