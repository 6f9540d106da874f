namespace OrderSync.Core.Policy;

/// <summary>Which vendor fulfils a merchant SKU, and under which SKU the vendor knows it.</summary>
public sealed record ProductMapping(string MerchantSku, string VendorId, string VendorSku);
