namespace OrderSync.Tests.Support;

/// <summary>The platforms' documented sample payloads (see samples/*/README.md for their sources).</summary>
public static class Samples
{
    /// <summary>Shopify's documented orders/* sample, verbatim (it is cancelled and voided).</summary>
    public static byte[] ShopifyOrder() => Read("orders-sample.json");

    /// <summary>The same sample as a new paid order arrives with orders/create (three fields changed, see the README).</summary>
    public static byte[] ShopifyNewPaidOrder() => Read("orders-create-paid.json");

    /// <summary>Shopify's sample fulfillments/create body, verbatim (webhook reference 2026-07).</summary>
    public static byte[] ShopifyFulfillmentCreated() => Read("fulfillments-create.json");

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "shopify", name));

    /// <summary>Shopify's sample order id: larger than 2^53, so it only survives if read as text.</summary>
    public const string ShopifyOrderId = "820982911946154508";
}
