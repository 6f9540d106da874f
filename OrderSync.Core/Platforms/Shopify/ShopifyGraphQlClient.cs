// Shopify Admin GraphQL API transport.
// Endpoint and auth: https://shopify.dev/docs/api/admin-graphql (POST {store}/admin/api/{version}/graphql.json,
// header X-Shopify-Access-Token, body {"query", "variables"}).
// Cost and throttling: https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits — every response carries
// extensions.cost {requestedQueryCost, actualQueryCost, throttleStatus {maximumAvailable, currentlyAvailable, restoreRate}};
// a throttled request answers errors[].extensions.code == "THROTTLED" (older answers: message "Throttled"), with HTTP 200 or 429.
// Before each call the client waits until its estimate of the store's bucket (ShopifyCostBucket, fed from every
// response's throttleStatus) holds the operation's last requestedQueryCost, so a long run of calls is not THROTTLED.
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.Shopify;

public sealed class ShopifyGraphQlClient(HttpClient http, IOptions<ShopifyOptions> options, TimeProvider time, ShopifyCostBuckets? buckets = null)
{
    private readonly ShopifyCostBuckets _buckets = buckets ?? new ShopifyCostBuckets();
    private const string Platform = "Shopify";
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);
    private readonly string _apiVersion = options.Value.ApiVersion;

    /// <summary>Runs one GraphQL operation; answers the "data" object, or throws a classified <see cref="PlatformException"/>.</summary>
    public async Task<JsonElement> ExecuteAsync(ShopifyStore store, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(store.AdminBaseUrl, $"admin/api/{_apiVersion}/graphql.json"))
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", store.AccessToken);

        var bucket = _buckets.For(store);
        TimeSpan delay;
        var reserved = _buckets.EstimatedCost(query);
        while (!bucket.TryReserve(reserved, time.GetUtcNow(), out delay))
            await Task.Delay(ProbeInterval, time, cancellationToken); // a probe is out, or the bucket's worth of calls is in flight
        var observed = false;
        JsonElement root;
        HttpResponseMessage? answered = null;
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken);
            answered = await PlatformHttp.SendAsync(http, request, $"{Platform} store {store}", cancellationToken);
            var body = await answered.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                if (!answered.IsSuccessStatusCode) throw HttpFailure.Classify(Platform, answered, time.GetUtcNow());
                throw PlatformException.Transient($"{Platform} store {store} answered a body that is not JSON", inner: e);
            }
            observed = Observe(bucket, query, root, reserved);
        }
        catch
        {
            answered?.Dispose();
            throw;
        }
        finally
        {
            if (!observed) bucket.Release(Math.Min(reserved, bucket.MaximumAvailable ?? reserved));
        }
        using var response = answered!;

        if (ThrottledFor(root) is { } wait) throw PlatformException.Transient($"{Platform} store {store} throttled the request", wait);
        if (!response.IsSuccessStatusCode) throw HttpFailure.Classify(Platform, response, time.GetUtcNow());
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            throw PlatformException.Permanent($"{Platform} store {store} rejected the request: {Messages(errors)}");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            throw PlatformException.Transient($"{Platform} store {store} answered without data");
        return data;
    }

    /// <summary>Feeds extensions.cost {requestedQueryCost, throttleStatus} into the store's bucket; false when the answer had none.</summary>
    private bool Observe(ShopifyCostBucket bucket, string query, JsonElement root, double reserved)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("extensions", out var ext) || ext.ValueKind != JsonValueKind.Object
            || !ext.TryGetProperty("cost", out var cost) || cost.ValueKind != JsonValueKind.Object) return false;
        if (cost.TryGetProperty("requestedQueryCost", out var requested) && requested.ValueKind == JsonValueKind.Number)
            _buckets.RecordCost(query, requested.GetDouble());
        if (!cost.TryGetProperty("throttleStatus", out var status) || status.ValueKind != JsonValueKind.Object
            || !Number(status, "maximumAvailable", out var maximum) || !Number(status, "currentlyAvailable", out var available)
            || !Number(status, "restoreRate", out var rate)) return false;
        double? actual = cost.TryGetProperty("actualQueryCost", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
        bucket.Observe(maximum, available, rate, time.GetUtcNow(), Math.Min(reserved, maximum), actual);
        return true;
    }

    private static bool Number(JsonElement obj, string name, out double value)
    {
        value = 0;
        return obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out value);
    }

    /// <summary>When throttled: how long until the bucket holds the points the request asked for.</summary>
    private static TimeSpan? ThrottledFor(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return null;
        var throttled = errors.EnumerateArray().Any(e =>
            (e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) && code.ValueEquals("THROTTLED"))
            || (e.TryGetProperty("message", out var m) && m.ValueEquals("Throttled")));
        if (!throttled) return null;

        if (root.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("cost", out var cost)
            && cost.TryGetProperty("requestedQueryCost", out var requested) && requested.TryGetDouble(out var needed)
            && cost.TryGetProperty("throttleStatus", out var status)
            && status.TryGetProperty("currentlyAvailable", out var available) && available.TryGetDouble(out var have)
            && status.TryGetProperty("restoreRate", out var rate) && rate.TryGetDouble(out var perSecond) && perSecond > 0)
            return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((needed - have) / perSecond)));
        return TimeSpan.FromSeconds(1);
    }

    private static string Messages(JsonElement errors) =>
        string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.ToString() : e.ToString()));
}
