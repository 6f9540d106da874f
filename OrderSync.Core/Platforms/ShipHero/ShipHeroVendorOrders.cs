// Orders on ShipHero, through its public GraphQL API (transport: ShipHeroGraphQlClient).
// Sources: developer.shiphero.com/examples/mutations ("order_create(data: CreateOrderInput!)" with order_number, shop_name,
//   fulfillment_status, order_date, total_price, subtotal, total_tax, total_discounts, email, shipping_lines {title price},
//   shipping_address {first_name last_name company address1 address2 city state_code zip country_code email phone},
//   line_items [{sku partner_line_item_id quantity price product_name fulfillment_status quantity_pending_fulfillment}],
//   partner_order_id, packing_note; answer {request_id complexity order {id legacy_id order_number partner_order_id}});
//   "order_update(data: UpdateOrderInput!)" (order_id plus the fields to change), "order_cancel(data: CancelOrderInput!)"
//   (order_id, reason); /work/shared/PLATFORMS.md ("ShipHero"). Look-up by partner order id: the orders query takes a
//   partner_order_id argument and pages through data(first) {edges {node}} (developer.shiphero.com/examples/queries; the
//   same filter is used by public integrations). Shipments: shipments(order_id) {data {edges {node {…}}}}, the node's fields
//   and their sources in ShipHeroShipmentNodes.
// Unconfirmed here: the exact shipment fields (shipping_labels' names, line_item's nested sku): read defensively; a
//   ShipHero "shop_name" for orders OrderSync creates (the merchant's shop domain is used).
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Orders;
using OrderSync.Core.Platforms.Shopify;
using OrderSync.Core.Webhooks;

namespace OrderSync.Core.Platforms.ShipHero;

public sealed class ShipHeroVendorOrders(ShipHeroGraphQlClient client)
{
    private const string FindByPartnerId = """
        query OrderSyncFindOrder($partner_order_id: String) {
          orders(partner_order_id: $partner_order_id) {
            request_id
            complexity
            data(first: 1) { edges { node { id legacy_id order_number partner_order_id } } }
          }
        }
        """;

    private const string Create = """
        mutation OrderSyncCreateOrder($data: CreateOrderInput!) {
          order_create(data: $data) {
            request_id
            complexity
            order { id legacy_id order_number partner_order_id }
          }
        }
        """;

    private const string Update = """
        mutation OrderSyncUpdateOrder($data: UpdateOrderInput!) {
          order_update(data: $data) {
            request_id
            complexity
            order { id order_number partner_order_id }
          }
        }
        """;

    private const string Cancel = """
        mutation OrderSyncCancelOrder($data: CancelOrderInput!) {
          order_cancel(data: $data) {
            request_id
            complexity
            order { id order_number fulfillment_status }
          }
        }
        """;

    private static readonly string Shipments = $$"""
        query OrderSyncShipments($order_id: String) {
          shipments(order_id: $order_id) {
            request_id
            complexity
            data(first: 50) { edges { node { {{ShipHeroShipmentNodes.Fields}} } } }
          }
        }
        """;

    /// <summary>The partner order id OrderSync gives ShipHero: the merchant order key, which the Shipment Update webhook routes by.</summary>
    public static string PartnerOrderId(VendorOrderDraft draft) => PartnerOrderId(draft.MerchantOrder);

    public static string PartnerOrderId(OrderKey merchantOrder) => merchantOrder.ToString();

    /// <summary>
    /// Creates the order once: an order with the same partner_order_id is looked up first and answered as it is, so a
    /// retry whose first answer was lost does not create a second order.
    /// </summary>
    public async Task<VendorOrderRef> CreateAsync(ShipHeroAccount account, VendorOrderDraft draft, CancellationToken cancellationToken)
    {
        var partnerOrderId = PartnerOrderId(draft);
        if (await FindAsync(account, partnerOrderId, cancellationToken) is { } existing) return existing;
        var data = await client.ExecuteAsync(account, Create, new JsonObject { ["data"] = OrderInput(draft) }, cancellationToken);
        return Read(account, "order_create", () => Reference(data.GetProperty("order_create").GetProperty("order")));
    }

    public async Task<VendorOrderRef?> FindAsync(ShipHeroAccount account, string partnerOrderId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(account, FindByPartnerId, new JsonObject { ["partner_order_id"] = partnerOrderId }, cancellationToken);
        return Read(account, "orders", () =>
        {
            var edges = data.GetProperty("orders").GetProperty("data").GetProperty("edges");
            return edges.GetArrayLength() == 0 ? null : Reference(edges[0].GetProperty("node"));
        });
    }

    /// <summary>Changes order-level fields (address, contact, note); fields left null are not sent.</summary>
    public async Task UpdateAsync(ShipHeroAccount account, string orderId, Address? shippingAddress, Customer? customer, string? packingNote, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["order_id"] = orderId };
        if (shippingAddress is not null) input["shipping_address"] = AddressInput(shippingAddress, customer);
        if (customer?.Email is { } email) input["email"] = email;
        if (packingNote is not null) input["packing_note"] = packingNote;
        var data = await client.ExecuteAsync(account, Update, new JsonObject { ["data"] = input }, cancellationToken);
        Read(account, "order_update", () => data.GetProperty("order_update").GetProperty("order").GetProperty("id").GetString());
    }

    public async Task CancelAsync(ShipHeroAccount account, string orderId, string? reason, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["order_id"] = orderId };
        if (reason is not null) input["reason"] = reason;
        var data = await client.ExecuteAsync(account, Cancel, new JsonObject { ["data"] = input }, cancellationToken);
        Read(account, "order_cancel", () => data.GetProperty("order_cancel").GetProperty("order").GetProperty("id").GetString());
    }

    /// <summary>The order's shipments with their tracking and lines (for the tracking poll, which reconciles lost webhooks).</summary>
    public async Task<ImmutableArray<Shipment>> ShipmentsAsync(ShipHeroAccount account, string orderId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(account, Shipments, new JsonObject { ["order_id"] = orderId }, cancellationToken);
        return Read(account, "shipments", () => data.GetProperty("shipments").GetProperty("data").GetProperty("edges")
            .EnumerateArray().Select(e => ShipHeroShipmentNodes.Shipment(e.GetProperty("node"))).ToImmutableArray());
    }

    private static VendorOrderRef Reference(JsonElement order) =>
        new(order.GetProperty("id").GetString() ?? throw new InvalidOperationException("order id is null"), order.Id("order_number"));

    private static T Read<T>(ShipHeroAccount account, string field, Func<T> read) => PlatformAnswer.Read($"ShipHero vendor {account}", field, read);

    private static JsonObject OrderInput(VendorOrderDraft draft)
    {
        var total = draft.Lines.Sum(l => l.UnitPrice * l.Quantity);
        var input = new JsonObject
        {
            ["order_number"] = draft.MerchantOrderName,
            ["partner_order_id"] = PartnerOrderId(draft),
            ["shop_name"] = draft.MerchantOrder.Shop,
            ["fulfillment_status"] = "pending",
            ["subtotal"] = Amount(total),
            ["total_price"] = Amount(total),
            ["line_items"] = new JsonArray([.. draft.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["sku"] = l.VendorSku ?? l.MerchantLineId,
                ["partner_line_item_id"] = $"{draft.MerchantOrder}/{l.MerchantLineId}",
                ["product_name"] = l.Title,
                ["quantity"] = l.Quantity,
                ["price"] = Amount(l.UnitPrice),
                ["fulfillment_status"] = "pending",
                ["quantity_pending_fulfillment"] = l.Quantity,
            })]),
        };
        if (draft.Customer.Email is { } email) input["email"] = email;
        if (draft.Note is { } note) input["packing_note"] = note;
        if (draft.ShippingAddress is { } a) input["shipping_address"] = AddressInput(a, draft.Customer);
        if (draft.ShippingMethod is { } method) input["shipping_lines"] = new JsonObject { ["title"] = method, ["price"] = "0.00" };
        return input;
    }

    private static JsonObject AddressInput(Address a, Customer? customer) => new()
    {
        ["first_name"] = a.FirstName, ["last_name"] = a.LastName, ["company"] = a.Company,
        ["address1"] = a.Address1, ["address2"] = a.Address2, ["city"] = a.City,
        ["state_code"] = a.ProvinceCode, ["country_code"] = a.CountryCode, ["zip"] = a.Zip,
        ["phone"] = a.Phone ?? customer?.Phone, ["email"] = customer?.Email,
    };

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
