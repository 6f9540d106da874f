namespace OrderSync.Core.Orders;

/// <summary>An amount in a currency (ISO 4217 code, upper case).</summary>
public sealed record Money(decimal Amount, string Currency);
