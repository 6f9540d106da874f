// Line edits on a vendor's Shopify order: begin → staged changes → commit.
// orderEditBegin(id: ID!) → {calculatedOrder {id lineItems(first) {nodes {id quantity sku variant {id}}}}, userErrors}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderEditBegin
// orderEditSetQuantity(id: ID!, lineItemId: ID! (the CalculatedLineItem id), quantity: Int!, restock: Boolean):
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderEditSetQuantity
// orderEditAddVariant(id: ID!, variantId: ID!, quantity: Int!, locationId: ID, allowDuplicates: Boolean):
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderEditAddVariant
// orderEditAddCustomItem(id: ID!, title: String!, price: MoneyInput! {amount currencyCode}, quantity: Int!,
//   requiresShipping: Boolean (default false), taxable: Boolean, locationId: ID):
//   https://shopify.dev/docs/api/admin-graphql/2025-07/mutations/orderEditAddCustomItem
// orderEditCommit(id: ID!, notifyCustomer: Boolean, staffNote: String) → {order {id}, userErrors}:
//   https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderEditCommit
// "The session tracks all staged changes until you commit or abandon them": staged changes on a CalculatedOrder are
// not applied to the order until orderEditCommit, so an edit that fails midway changes nothing on the order; its
// calculated order is simply left uncommitted and the retry begins a new edit.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.Shopify;

/// <summary>A line to add: a catalogue variant of the vendor store, or (no variant) a custom item with a title and price.</summary>
public sealed record VendorLineAddition(string? VariantId, string? Title, string? Sku, decimal? UnitPrice, string? Currency, int Quantity);

/// <summary>The line changes wanted on a vendor order: vendor line item id → new quantity (0 removes), and additions.</summary>
public sealed record VendorLineEdit(
    IReadOnlyDictionary<string, int> Quantities,
    IReadOnlyList<VendorLineAddition> Additions,
    bool Restock = true,
    bool NotifyCustomer = false,
    string? StaffNote = null);

/// <summary>A line of the order being edited, as orderEditBegin reads it (a CalculatedLineItem: its id is what the edit takes).</summary>
public sealed record VendorOrderLine(string Id, int Quantity, string? Sku, string? Title, string? VariantId);

public sealed class ShopifyVendorOrderEdits(ShopifyGraphQlClient client)
{
    private const string Begin = """
        mutation OrderSyncEditBegin($id: ID!) {
          orderEditBegin(id: $id) {
            calculatedOrder { id lineItems(first: 250) { nodes { id quantity sku title variant { id } } } }
            userErrors { field message }
          }
        }
        """;

    private const string SetQuantity = """
        mutation OrderSyncEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
          orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """;

    private const string AddVariant = """
        mutation OrderSyncEditAddVariant($id: ID!, $variantId: ID!, $quantity: Int!) {
          orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity) {
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """;

    private const string AddCustomItem = """
        mutation OrderSyncEditAddCustomItem($id: ID!, $title: String!, $price: MoneyInput!, $quantity: Int!, $requiresShipping: Boolean) {
          orderEditAddCustomItem(id: $id, title: $title, price: $price, quantity: $quantity, requiresShipping: $requiresShipping) {
            calculatedOrder { id }
            userErrors { field message }
          }
        }
        """;

    private const string Commit = """
        mutation OrderSyncEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
          orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
            order { id }
            userErrors { field message }
          }
        }
        """;

    /// <summary>
    /// Runs begin → changes → commit. Quantities are absolute, and an addition whose variant (or custom title/SKU) is
    /// already on the order at that quantity or more is skipped, so a retry of the same edit does not add twice.
    /// On a failure after begin nothing is committed; the exception says so and names the calculated order.
    /// </summary>
    public Task<string> EditAsync(ShopifyStore store, string vendorOrderId, VendorLineEdit edit, CancellationToken cancellationToken) =>
        EditAsync(store, vendorOrderId, _ => edit, cancellationToken);

    /// <summary>As above, with the edit planned from the order's lines as the begun edit reads them (e.g. to find lines by SKU).</summary>
    public async Task<string> EditAsync(ShopifyStore store, string vendorOrderId, Func<IReadOnlyList<VendorOrderLine>, VendorLineEdit> plan,
        CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, Begin, new JsonObject { ["id"] = vendorOrderId }, cancellationToken);
        var (calculatedId, lines) = ShopifyAnswer.Read(store, "orderEditBegin", () =>
        {
            var payload = data.GetProperty("orderEditBegin");
            ShopifyUserErrors.ThrowIfAny(payload, store, $"an edit of order {vendorOrderId}");
            var calculated = payload.GetProperty("calculatedOrder");
            var read = calculated.GetProperty("lineItems").GetProperty("nodes").EnumerateArray().Select(n => new VendorOrderLine(
                n.GetProperty("id").GetString()!, n.GetProperty("quantity").GetInt32(), n.Text("sku"), n.Text("title"),
                n.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.Object ? v.Text("id") : null)).ToList();
            return (calculated.GetProperty("id").GetString()!, read);
        });

        try
        {
            var edit = plan(lines);
            var changed = false;
            foreach (var (lineId, quantity) in edit.Quantities)
            {
                var line = lines.FirstOrDefault(l => ShopifyIds.Numeric(l.Id) == ShopifyIds.Numeric(lineId))
                           ?? throw PlatformException.Permanent($"vendor order {vendorOrderId} has no editable line {lineId}");
                if (line.Quantity == quantity) continue;
                await StepAsync(store, "orderEditSetQuantity", SetQuantity, new JsonObject
                {
                    ["id"] = calculatedId, ["lineItemId"] = line.Id, ["quantity"] = quantity, ["restock"] = edit.Restock,
                }, cancellationToken);
                changed = true;
            }

            foreach (var addition in edit.Additions)
            {
                if (lines.Any(l => l.Quantity >= addition.Quantity && SameLine(l, addition))) continue;
                if (addition.VariantId is { } variantId)
                    await StepAsync(store, "orderEditAddVariant", AddVariant, new JsonObject
                    {
                        ["id"] = calculatedId, ["variantId"] = variantId, ["quantity"] = addition.Quantity,
                    }, cancellationToken);
                else
                    await StepAsync(store, "orderEditAddCustomItem", AddCustomItem, new JsonObject
                    {
                        ["id"] = calculatedId,
                        ["title"] = addition.Title ?? addition.Sku ?? throw PlatformException.Permanent("a custom line needs a title"),
                        ["price"] = new JsonObject
                        {
                            ["amount"] = (addition.UnitPrice ?? 0m).ToString(CultureInfo.InvariantCulture),
                            ["currencyCode"] = addition.Currency ?? throw PlatformException.Permanent("a custom line needs a currency"),
                        },
                        ["quantity"] = addition.Quantity,
                        ["requiresShipping"] = true,
                    }, cancellationToken);
                changed = true;
            }

            if (!changed) return calculatedId; // nothing to change: the begun edit is left uncommitted, which changes nothing

            var commit = await client.ExecuteAsync(store, Commit, new JsonObject
            {
                ["id"] = calculatedId, ["notifyCustomer"] = edit.NotifyCustomer, ["staffNote"] = edit.StaffNote,
            }, cancellationToken);
            ShopifyAnswer.Read(store, "orderEditCommit", () =>
            {
                var payload = commit.GetProperty("orderEditCommit");
                ShopifyUserErrors.ThrowIfAny(payload, store, $"the commit of edit {calculatedId}");
                if (payload.GetProperty("order").ValueKind != JsonValueKind.Object) throw new InvalidOperationException("order is null");
                return true;
            });
            return calculatedId;
        }
        catch (PlatformException e)
        {
            throw new PlatformException(e.Kind,
                $"{e.Reason} (edit {calculatedId} of order {vendorOrderId} was not committed: the order is unchanged)", e.RetryAfter, e);
        }
    }

    private async Task StepAsync(ShopifyStore store, string field, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(store, query, variables, cancellationToken);
        ShopifyAnswer.Read(store, field, () =>
        {
            var payload = data.GetProperty(field);
            ShopifyUserErrors.ThrowIfAny(payload, store, field);
            if (payload.GetProperty("calculatedOrder").ValueKind != JsonValueKind.Object) throw new InvalidOperationException("calculatedOrder is null");
            return true;
        });
    }

    private static bool SameLine(VendorOrderLine line, VendorLineAddition addition) =>
        addition.VariantId is { } v ? line.VariantId == v
        : (addition.Sku is { } sku && line.Sku == sku) || (addition.Title is { } title && line.Title == title && line.VariantId is null);
}
