// OrderSync → HTTP vendor: the outbound half of OrderSync's own vendor API. Source: docs/http-vendor-api.md, section
// "OrderSync → vendor" (written with this client): POST {base}orders, PATCH {base}orders/{id}, POST {base}orders/{id}/cancel,
// GET {base}orders/{id}/shipments, GET {base}shipments?updated_since=…&cursor=… (the shipment feed); every call signed "X-OrderSync-Signature: t=…,v1=…" exactly as the inbound webhooks
// (HttpVendorSignature), keyed with the vendor's secret; "Idempotency-Key" = the command id; answers 2xx ok,
// 409 {"vendorOrderId"} on create = already exists (success), other 4xx permanent, 408/429/5xx and network errors transient.
using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Messaging;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Webhooks;
using OrderSync.Core.Webhooks.HttpVendors;

namespace OrderSync.Core.Platforms.HttpVendors;

/// <summary>A page of a vendor's shipment feed: its order.shipped events as signals, and the cursor of the next page (null on the last).</summary>
public sealed record HttpVendorShipmentPage(IReadOnlyList<InboundSignal> Shipped, string? NextCursor);

public sealed class HttpVendorClient(HttpClient http, TimeProvider time)
{
    private const string Platform = "HTTP vendor";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Sends the order; a 409 answer (the vendor already has this Idempotency-Key / merchant order) is success with the existing id.</summary>
    public async Task<VendorOrderRef> CreateAsync(HttpVendorEndpoint vendor, VendorOrderDraft draft, string idempotencyKey, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(vendor, HttpMethod.Post, "orders", OrderBody(draft), idempotencyKey, cancellationToken, conflictIsAnswer: true);
        _ = status;
        return Read(vendor, "order", () =>
        {
            var id = body.GetProperty("vendorOrderId").GetString();
            if (string.IsNullOrEmpty(id)) throw new InvalidOperationException("vendorOrderId is empty");
            return new VendorOrderRef(id, body.TryGetProperty("vendorOrderName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null);
        });
    }

    public async Task UpdateAsync(HttpVendorEndpoint vendor, string vendorOrderId, Address? shippingAddress, Customer? customer, string? note,
        string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (shippingAddress is not null) body["shippingAddress"] = AddressJson(shippingAddress);
        if (customer is not null) body["customer"] = CustomerJson(customer);
        if (note is not null) body["note"] = note;
        await SendAsync(vendor, HttpMethod.Patch, $"orders/{Uri.EscapeDataString(vendorOrderId)}", body, idempotencyKey, cancellationToken);
    }

    public async Task CancelAsync(HttpVendorEndpoint vendor, string vendorOrderId, string? reason, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (reason is not null) body["reason"] = reason;
        await SendAsync(vendor, HttpMethod.Post, $"orders/{Uri.EscapeDataString(vendorOrderId)}/cancel", body, idempotencyKey, cancellationToken);
    }

    /// <summary>The vendor's shipments of the order, each in the "shipment" shape of the order.shipped webhook.</summary>
    public async Task<ImmutableArray<Shipment>> ShipmentsAsync(HttpVendorEndpoint vendor, string vendorOrderId, CancellationToken cancellationToken)
    {
        var (_, body) = await SendAsync(vendor, HttpMethod.Get, $"orders/{Uri.EscapeDataString(vendorOrderId)}/shipments", null, null, cancellationToken);
        var now = time.GetUtcNow();
        return Read(vendor, "shipments", () =>
            body.GetProperty("shipments").EnumerateArray().Select(s => HttpVendorShipmentReader.Read(s, now)).ToImmutableArray());
    }

    /// <summary>
    /// One page of the vendor's shipment feed: the order.shipped events that happened at or after <paramref name="since"/>,
    /// each as the signal its webhook gives. Pass the page's cursor back, with the same since, until it is null.
    /// </summary>
    public async Task<HttpVendorShipmentPage> ShipmentsSinceAsync(HttpVendorEndpoint vendor, DateTimeOffset since, string? cursor, CancellationToken cancellationToken)
    {
        var path = $"shipments?updated_since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture))}"
            + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        var (_, body) = await SendAsync(vendor, HttpMethod.Get, path, null, null, cancellationToken);
        var now = time.GetUtcNow();
        return Read(vendor, "shipments", () => new HttpVendorShipmentPage(
            [.. body.GetProperty("events").EnumerateArray().Select(e => HttpVendorEventNormalizer.FromFeed(vendor.VendorId, e, now)).OfType<InboundSignal>()],
            body.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String && next.GetString() is { Length: > 0 } c ? c : null));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpVendorEndpoint vendor, HttpMethod method, string path, JsonObject? json,
        string? idempotencyKey, CancellationToken cancellationToken, bool conflictIsAnswer = false)
    {
        var bytes = json is null ? [] : Encoding.UTF8.GetBytes(json.ToJsonString());
        using var request = new HttpRequestMessage(method, new Uri(vendor.ApiBaseUrl, path));
        if (json is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }
        request.Headers.TryAddWithoutValidation(HttpVendorSignature.Header, HttpVendorSignature.Sign(bytes, time.GetUtcNow().ToUnixTimeSeconds(), vendor.Secret));
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);

        HttpResponseMessage response;
        response = await PlatformHttp.SendAsync(http, request, $"{Platform} {vendor}", cancellationToken);

        using (response)
        {
            var answered = response.IsSuccessStatusCode || (conflictIsAnswer && response.StatusCode == HttpStatusCode.Conflict);
            if (!answered)
            {
                if (response.StatusCode == HttpStatusCode.Conflict)
                    throw PlatformException.Permanent($"{Platform} {vendor} answered 409 to {method} {path}: {await ReasonAsync(response, cancellationToken)}");
                var failure = HttpFailure.Classify($"{Platform} {vendor}", response, time.GetUtcNow());
                var reason = await ReasonAsync(response, cancellationToken);
                throw reason is null ? failure : new PlatformException(failure.Kind, $"{failure.Reason}: {reason}", failure.RetryAfter);
            }
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (content.Length == 0) return (response.StatusCode, default);
            try
            {
                using var document = JsonDocument.Parse(content);
                return (response.StatusCode, document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw PlatformException.Transient($"{Platform} {vendor} answered {method} {path} with a body that is not JSON", inner: e);
            }
        }
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("reason", out var r) ? r.ToString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static T Read<T>(HttpVendorEndpoint vendor, string what, Func<T> read) => PlatformAnswer.Read($"{Platform} {vendor}", what, read);

    /// <summary>The order as docs/http-vendor-api.md ("OrderSync → vendor", "The order") documents it.</summary>
    public static JsonObject OrderBody(VendorOrderDraft draft)
    {
        var body = new JsonObject
        {
            ["merchantOrder"] = draft.MerchantOrder.ToString(),
            ["merchantOrderName"] = draft.MerchantOrderName,
            ["currency"] = draft.Currency,
            ["customer"] = CustomerJson(draft.Customer),
            ["lines"] = new JsonArray([.. draft.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["lineId"] = l.MerchantLineId,
                ["sku"] = l.VendorSku,
                ["title"] = l.Title,
                ["quantity"] = l.Quantity,
                ["unitPrice"] = l.UnitPrice.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture),
            })]),
        };
        if (draft.ShippingAddress is { } a) body["shippingAddress"] = AddressJson(a);
        if (draft.Note is { } note) body["note"] = note;
        if (draft.ShippingMethod is { } method) body["shippingMethod"] = method;
        return body;
    }

    private static JsonObject CustomerJson(Customer c) => new()
    {
        ["firstName"] = c.FirstName, ["lastName"] = c.LastName, ["email"] = c.Email, ["phone"] = c.Phone,
    };

    private static JsonObject AddressJson(Address a) => new()
    {
        ["firstName"] = a.FirstName, ["lastName"] = a.LastName, ["company"] = a.Company,
        ["address1"] = a.Address1, ["address2"] = a.Address2, ["city"] = a.City,
        ["provinceCode"] = a.ProvinceCode, ["countryCode"] = a.CountryCode, ["zip"] = a.Zip, ["phone"] = a.Phone,
    };
}
