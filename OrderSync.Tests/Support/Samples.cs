namespace OrderSync.Tests.Support;

/// <summary>The platforms' documented sample payloads (see samples/*/README.md for their sources).</summary>
public static class Samples
{
    public static byte[] ShopifyOrder() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "shopify", "orders-sample.json"));

    /// <summary>Shopify's sample order id: larger than 2^53, so it only survives if read as text.</summary>
    public const string ShopifyOrderId = "820982911946154508";
}
