namespace OrderSync.Sandbox.Shopify;

/// <summary>A line to seed a merchant order with.</summary>
public sealed record SeedLine(string Sku, string Title, int Quantity);

/// <summary>A payment transaction to seed a merchant order with (OrderTransaction: gateway, kind, status, authorizationCode, receiptJson).</summary>
public sealed record SeedTransaction(string Gateway, string Kind, string Status, string? AuthorizationCode = null, string? ReceiptJson = null);

public sealed record SimulatedLineItem(string Id, string Sku, string Title, int Quantity);

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

/// <summary>A merchant's order in the simulated store: lines, payment transactions, fulfillment orders and fulfillments.</summary>
public sealed class SimulatedMerchantOrder(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public List<SimulatedLineItem> LineItems { get; } = [];
    public List<SimulatedTransaction> Transactions { get; } = [];
    public List<SimulatedFulfillmentOrder> FulfillmentOrders { get; } = [];
    public List<SimulatedFulfillment> Fulfillments { get; } = [];
}
