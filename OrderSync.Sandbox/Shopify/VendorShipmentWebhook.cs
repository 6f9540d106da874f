using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// A vendor store's fulfillments/create as Shopify sends it: Shopify's sample fulfillment (samples/shopify/fulfillments-create.json,
/// copied beside the program that uses this) naming the vendor's order, one unit of its line with the vendor SKU, and one
/// UPS tracking number.
/// </summary>
public static class VendorShipmentWebhook
{
    public static ShopifyWebhookBuilder For(SimulatedShopifyStore vendor, string vendorOrderId, string vendorSku, long fulfillmentId, string trackingNumber)
    {
        var line = vendor.VendorSide().Order(vendorOrderId)!.Lines.Single(l => l.Sku == vendorSku);
        var url = $"https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums={trackingNumber}";
        var sample = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "shopify", "fulfillments-create.json"));
        return new ShopifyWebhookBuilder().WithTopic("fulfillments/create").FromShop(vendor.Domain).WithBody(sample).WithBodyChanged(f =>
        {
            f["id"] = fulfillmentId;
            f["admin_graphql_api_id"] = $"gid://shopify/Fulfillment/{fulfillmentId}";
            f["order_id"] = long.Parse(vendorOrderId[(vendorOrderId.LastIndexOf('/') + 1)..]);
            f["status"] = "success";
            f["tracking_company"] = "UPS";
            f["tracking_number"] = trackingNumber;
            f["tracking_numbers"] = new JsonArray(trackingNumber);
            f["tracking_url"] = url;
            f["tracking_urls"] = new JsonArray(url);
            var item = f["line_items"]![0]!.DeepClone().AsObject();
            item["id"] = line.Number;
            item["admin_graphql_api_id"] = line.Id;
            item["sku"] = vendorSku;
            item["quantity"] = 1;
            f["line_items"] = new JsonArray(item);
        });
    }
}
