namespace OrderSync.Sandbox.Shopify;

/// <summary>A line to seed a merchant order with, at a unit price in the shop's currency.</summary>
public sealed record SeedLine(string Sku, string Title, int Quantity, decimal Price = 199.00m);

/// <summary>A payment transaction to seed a merchant order with (OrderTransaction: gateway, kind, status, authorizationCode, receiptJson).</summary>
public sealed record SeedTransaction(string Gateway, string Kind, string Status, string? AuthorizationCode = null, string? ReceiptJson = null);

/// <summary>An order line: <see cref="CurrentQuantity"/> is what is left after edits and removals (LineItem.currentQuantity).</summary>
public sealed record SimulatedLineItem(string Id, string Sku, string Title, int Quantity, string? VariantId = null, decimal Price = 0m)
{
    public int CurrentQuantity { get; init; } = Quantity;
}

/// <summary>A postal address as a MailingAddress answers it.</summary>
public sealed record SimulatedAddress(string? FirstName, string? LastName, string? Company, string? Address1, string? Address2,
    string? City, string? ProvinceCode, string? CountryCode, string? Zip, string? Phone)
{
    /// <summary>The shipping address of Shopify's sample order.</summary>
    public static SimulatedAddress Sample { get; } = new("Steve", "Shipper", "Shipping Company", "123 Shipping Street", null,
        "Shippington", "KY", "US", "40003", "555-555-SHIP");
}

public sealed record SimulatedTransaction(string Id, string Gateway, string Kind, string Status, string? AuthorizationCode, string? ReceiptJson);

/// <summary>A fulfillment order line: which order line, how many in all, how many still to fulfil.</summary>
public sealed class SimulatedFulfillmentOrderLine(string id, string lineItemId, int totalQuantity)
{
    public string Id { get; } = id;
    public string LineItemId { get; } = lineItemId;
    public int TotalQuantity { get; } = totalQuantity;
    public int RemainingQuantity { get; internal set; } = totalQuantity;
}

/// <summary>A fulfillment order: its lines, at the location it is assigned to (FulfillmentOrder.assignedLocation.location.id).</summary>
public sealed record SimulatedFulfillmentOrder(string Id, string LocationId, IReadOnlyList<SimulatedFulfillmentOrderLine> Lines)
{
    public string Status => Lines.All(l => l.RemainingQuantity == 0) ? "CLOSED" : "OPEN";
}

/// <summary>A fulfillment the store created: its tracking, and the fulfillment order lines and quantities it holds.</summary>
public sealed record SimulatedFulfillment(
    string Id, IReadOnlyList<string> TrackingNumbers, IReadOnlyList<string> TrackingUrls, string? Company,
    IReadOnlyList<(string FulfillmentOrderLineId, int Quantity)> Lines, bool NotifyCustomer, string? Message);

/// <summary>
/// A merchant's order in the simulated store: what the order shows (buyer, address, payment, lines, times), payment
/// transactions, fulfillment orders and fulfillments. Change it through <see cref="SimulatedShopifyStore.ChangeMerchantOrder"/>,
/// which moves <see cref="UpdatedAt"/> as Shopify does.
/// </summary>
public sealed class SimulatedMerchantOrder(string id, string name, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public DateTimeOffset CreatedAt { get; set; } = createdAt;
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
    public string Currency { get; set; } = "USD";
    public string? Email { get; set; } = "bob.norman@mail.example.com";
    public string? Phone { get; set; }
    public string? FirstName { get; set; } = "Bob";
    public string? LastName { get; set; } = "Norman";
    public SimulatedAddress? ShippingAddress { get; set; } = SimulatedAddress.Sample;
    /// <summary>Order.displayFinancialStatus: PAID, PENDING, AUTHORIZED, REFUNDED…</summary>
    public string FinancialStatus { get; set; } = "PAID";
    public string? Note { get; set; }
    public List<string> Tags { get; } = [];
    public string? ShippingMethod { get; set; } = "Generic Shipping";
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<SimulatedLineItem> LineItems { get; } = [];
    public List<SimulatedTransaction> Transactions { get; } = [];
    public List<SimulatedFulfillmentOrder> FulfillmentOrders { get; } = [];
    public List<SimulatedFulfillment> Fulfillments { get; } = [];
}
