namespace OrderSync.Core.Orders;

/// <summary>A postal address as the stores exchange it; country and province are ISO codes.</summary>
public sealed record Address(
    string? FirstName,
    string? LastName,
    string? Company,
    string? Address1,
    string? Address2,
    string? City,
    string? ProvinceCode,
    string? CountryCode,
    string? Zip,
    string? Phone);
