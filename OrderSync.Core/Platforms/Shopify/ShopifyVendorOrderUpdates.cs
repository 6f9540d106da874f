// Order-level changes on a vendor's Shopify order.
// orderUpdate(input: OrderInput!) → OrderUpdatePayload {order, userErrors {field message}}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderUpdate
// OrderInput: id (ID!), customAttributes ([AttributeInput!] {key value}), email, note, phone, poNumber, shippingAddress
// (MailingAddressInput), tags ([String!]; "Overwrites the existing tags"), metafields, localizedFields:
//   https://shopify.dev/docs/api/admin-graphql/2026-07/input-objects/OrderInput
// Because tags and customAttributes overwrite, the order's current tags/attributes are read first (Order.tags,
// Order.customAttributes {key value}) so OrderSync's own idempotency tags and attributes survive the update.
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Orders;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>The order-level fields to change; a null field is left as it is on the vendor order.</summary>
public sealed record VendorOrderChanges(
    Address? ShippingAddress = null,
    string? Email = null,
    string? Phone = null,
    string? Note = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? CustomAttributes = null);

public sealed class ShopifyVendorOrderUpdates(ShopifyGraphQlClient client)
{
    private const string ReadTagsAndAttributes = """
        query OrderSyncOrderTags($id: ID!) {
          order(id: $id) { id tags customAttributes { key value } }
        }
        """;

    private const string Update = """
        mutation OrderSyncUpdateOrder($input: OrderInput!) {
          orderUpdate(input: $input) {
            order { id }
            userErrors { field message }
          }
        }
        """;

    /// <summary>Applies <paramref name="changes"/>; idempotent (the same changes sent twice leave the same order).</summary>
    public async Task UpdateAsync(ShopifyStore store, string vendorOrderId, VendorOrderChanges changes, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["id"] = vendorOrderId };
        if (changes.ShippingAddress is { } a) input["shippingAddress"] = ShopifyVendorOrders.Address(a);
        if (changes.Email is { } email) input["email"] = email;
        if (changes.Phone is { } phone) input["phone"] = phone;
        if (changes.Note is { } note) input["note"] = note;

        if (changes.Tags is not null || changes.CustomAttributes is not null)
        {
            var (tags, attributes) = await CurrentAsync(store, vendorOrderId, cancellationToken);
            if (changes.Tags is { } wanted)
            {
                // OrderSync's own tags ("ordersync", "ordersync-…") are what makes a retried push find the order: keep them.
                var kept = tags.Where(IsOrderSyncTag).Concat(wanted.Where(t => !IsOrderSyncTag(t))).Distinct(StringComparer.OrdinalIgnoreCase);
                input["tags"] = new JsonArray([.. kept.Select(t => (JsonNode)t)]);
            }
            if (changes.CustomAttributes is { } wantedAttributes)
            {
                var merged = attributes.Where(kv => IsOrderSyncAttribute(kv.Key))
                    .Concat(wantedAttributes.Where(kv => !IsOrderSyncAttribute(kv.Key)))
                    .GroupBy(kv => kv.Key).Select(g => g.Last());
                input["customAttributes"] = new JsonArray([.. merged.Select(kv => (JsonNode)new JsonObject { ["key"] = kv.Key, ["value"] = kv.Value })]);
            }
        }

        var data = await client.ExecuteAsync(store, Update, new JsonObject { ["input"] = input }, cancellationToken);
        ShopifyAnswer.Read(store, "orderUpdate", () =>
        {
            var payload = data.GetProperty("orderUpdate");
            ShopifyUserErrors.ThrowIfAny(payload, store, $"the update of order {vendorOrderId}");
            if (payload.GetProperty("order").ValueKind != JsonValueKind.Object) throw new InvalidOperationException("order is null");
            return true;
        });
    }

    private async Task<(List<string> Tags, List<KeyValuePair<string, string>> Attributes)> CurrentAsync(
        ShopifyStore store, string vendorOrderId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, ReadTagsAndAttributes, new JsonObject { ["id"] = vendorOrderId }, cancellationToken);
        return ShopifyAnswer.Read(store, "order", () =>
        {
            var order = data.GetProperty("order");
            if (order.ValueKind != JsonValueKind.Object)
                throw PlatformException.Permanent($"vendor store {store} has no order {vendorOrderId}");
            var tags = order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            var attributes = order.GetProperty("customAttributes").EnumerateArray()
                .Select(a => KeyValuePair.Create(a.GetProperty("key").GetString()!, a.GetProperty("value").GetString() ?? "")).ToList();
            return (tags, attributes);
        });
    }

    public static bool IsOrderSyncTag(string tag) => tag.Equals("ordersync", StringComparison.OrdinalIgnoreCase)
                                                    || tag.StartsWith("ordersync-", StringComparison.OrdinalIgnoreCase);

    public static bool IsOrderSyncAttribute(string key) => key.StartsWith("ordersync_", StringComparison.OrdinalIgnoreCase);
}
