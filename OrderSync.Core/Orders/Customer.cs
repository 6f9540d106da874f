namespace OrderSync.Core.Orders;

/// <summary>The buyer's contact details (PII: kept only on the order and sent only where the vendor needs them).</summary>
public sealed record Customer(string? FirstName, string? LastName, string? Email, string? Phone);
