using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.Shopify;

namespace OrderSync.Sandbox.Shopify;

/// <summary>
/// Builds a Shopify webhook delivery as Shopify sends it: headers, raw body and signature. By default Shopify's sample order
/// as a new paid order (samples/shopify/orders-create-paid.json, copied beside the program that uses this), from a made-up
/// merchant store, signed with a made-up app secret.
/// </summary>
public sealed class ShopifyWebhookBuilder
{
    public const string Secret = "test-app-secret";
    public const string MerchantShop = "merchant.myshopify.com";

    private byte[] _body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "shopify", "orders-create-paid.json"));
    private string _topic = "orders/create";
    private string _shop = MerchantShop;
    private string _webhookId = Guid.NewGuid().ToString();
    private string? _signature;
    private string _secret = Secret;

    public ShopifyWebhookBuilder WithBody(byte[] body) { _body = body; return this; }

    /// <summary>The body changed by <paramref name="change"/> (e.g. a newer snapshot of the same order).</summary>
    public ShopifyWebhookBuilder WithBodyChanged(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(_body)!.AsObject();
        change(json);
        _body = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        return this;
    }
    public ShopifyWebhookBuilder WithTopic(string topic) { _topic = topic; return this; }
    public ShopifyWebhookBuilder FromShop(string shop) { _shop = shop; return this; }
    public ShopifyWebhookBuilder WithWebhookId(string id) { _webhookId = id; return this; }
    public ShopifyWebhookBuilder SignedWith(string secret) { _secret = secret; return this; }
    public ShopifyWebhookBuilder WithSignature(string? signature) { _signature = signature; return this; }

    public byte[] Body => _body;

    public Dictionary<string, string> Headers()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Shopify-Topic"] = _topic,
            ["X-Shopify-Shop-Domain"] = _shop,
            ["X-Shopify-API-Version"] = "2026-07",
            ["X-Shopify-Webhook-Id"] = _webhookId,
            ["X-Shopify-Event-Id"] = "event-" + _webhookId,
            ["X-Shopify-Triggered-At"] = "2026-11-23T10:00:00.000Z",
        };
        var signature = _signature ?? ShopifyWebhookSignature.Compute(_body, _secret);
        if (signature.Length > 0) headers["X-Shopify-Hmac-Sha256"] = signature;
        return headers;
    }

    public WebhookHeaders WebhookHeaders() => new(Headers());

    public HttpRequestMessage ToRequest(Uri baseUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/webhooks/shopify"))
        {
            Content = new ByteArrayContent(_body),
        };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in Headers()) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
