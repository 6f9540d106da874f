using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>How OrderSync works on a merchant's Shopify store.</summary>
public sealed class ShopifyMerchantOptions
{
    public const string Section = "OrderSync:Shopify:Merchant";

    /// <summary>Whether fulfillmentCreate / fulfillmentTrackingInfoUpdate ask Shopify to notify the customer (Shopify's default is false).</summary>
    public bool NotifyCustomer { get; set; }

    /// <summary>Page size for the order's line items and fulfillment orders.</summary>
    [Range(1, 250)]
    public int PageSize { get; set; } = 50;
}
