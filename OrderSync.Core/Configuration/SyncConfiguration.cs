namespace OrderSync.Core.Configuration;

/// <summary>The merchants OrderSync serves and the vendors who fulfil their orders (section "OrderSync").</summary>
public sealed class SyncConfiguration
{
    public const string Section = "OrderSync";

    public List<MerchantOptions> Merchants { get; set; } = [];

    public List<VendorOptions> Vendors { get; set; } = [];

    /// <summary>How every merchant's failed platform calls are retried (section "OrderSync:Retry").</summary>
    public RetryOptions Retry { get; set; } = new();
}

/// <summary>
/// The backoff of a command whose platform call failed transiently (after the call's own quick retries): from
/// <see cref="Initial"/>, doubling, up to <see cref="Maximum"/>, never sooner than the platform's Retry-After; after
/// <see cref="Budget"/> of failures the order needs a person.
/// </summary>
public sealed class RetryOptions
{
    public TimeSpan Initial { get; set; } = Policy.RetryPolicy.Default.Initial;
    public TimeSpan Maximum { get; set; } = Policy.RetryPolicy.Default.Maximum;
    public TimeSpan Budget { get; set; } = Policy.RetryPolicy.Default.Budget;

    public Policy.RetryPolicy ToPolicy() => new(Initial, Maximum, Budget);
}

/// <summary>A merchant store and its order-sync settings.</summary>
public sealed class MerchantOptions
{
    /// <summary>The store's myshopify domain, as Shopify sends it in X-Shopify-Shop-Domain.</summary>
    public string Shop { get; set; } = "";

    /// <summary>Where the store's Admin API answers; defaults to https://{Shop}/. Set to a simulator in sandbox runs and tests.</summary>
    public Uri? AdminApiBaseUrl { get; set; }

    /// <summary>
    /// The Admin API token of OrderSync's app on the store: set it in
    /// the environment, OrderSync__Merchants__N__AccessToken. Without it tracking to Shopify and the payment look-up fail, naming this setting.
    /// </summary>
    public string? AccessToken { get; set; }

    public bool EnableOrderSync { get; set; } = true;
    public bool PushOnlyIfPaid { get; set; }
    public bool PushUnmappedProducts { get; set; }
    public string? DefaultVendorId { get; set; }
    public List<ProductMappingOptions> ProductMappings { get; set; } = [];

    /// <summary>Vendors get <see cref="MerchantContact"/>'s name, email and phone instead of the buyer's (the shipping address is kept).</summary>
    public bool OverrideCustomerInfo { get; set; }
    public MerchantContactOptions? MerchantContact { get; set; }
    public bool SyncTrackingToShopify { get; set; } = true;
    public bool SyncTrackingToPayPal { get; set; } = true;
    public bool SyncTrackingToStripe { get; set; } = true;
    public bool PropagateLineEdits { get; set; } = true;

    /// <summary>What a refund, reversal or dispute before shipment does: Hold, or CancelAtVendor.</summary>
    public Policy.PaymentReversalAction OnPaymentReversal { get; set; } = Policy.PaymentReversalAction.Hold;
}

/// <summary>The merchant's own contact details, sent to vendors in place of the buyer's when customer info is overridden.</summary>
public sealed class MerchantContactOptions
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class ProductMappingOptions
{
    public string MerchantSku { get; set; } = "";
    public string VendorId { get; set; } = "";
    public string VendorSku { get; set; } = "";
}

public enum VendorKind
{
    /// <summary>A vendor's own Shopify store, reached through the Admin GraphQL API.</summary>
    ShopifyStore,

    /// <summary>A 3PL on ShipHero, reached through its GraphQL API; ships are reported by its Shipment Update webhook.</summary>
    ShipHero,

    /// <summary>Any vendor speaking OrderSync's documented HTTP vendor API (docs/http-vendor-api.md).</summary>
    HttpVendor,
}

/// <summary>A vendor and how to reach it. The access token comes from settings or the environment, never from a table.</summary>
public sealed class VendorOptions
{
    public string Id { get; set; } = "";
    public VendorKind Kind { get; set; } = VendorKind.ShopifyStore;

    /// <summary>For a Shopify store: its myshopify domain.</summary>
    public string? ShopDomain { get; set; }

    /// <summary>Where the Admin API is; defaults to https://{ShopDomain}. Set to a simulator in sandbox runs and tests.</summary>
    public Uri? AdminApiBaseUrl { get; set; }

    public string? AccessToken { get; set; }

    /// <summary>Secrets that sign this vendor's webhooks to OrderSync (ShipHero's shared signature secret, an HTTP vendor's key); several while rotating.</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>
    /// ShipHero: where the public API answers (default https://public-api.shiphero.com/); HTTP vendor: the base URL of the
    /// vendor's order API (docs/http-vendor-api.md, "OrderSync → vendor"). Setting it turns pushing on for these kinds;
    /// without it the vendor is webhook-only.
    /// </summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>ShipHero: the API user's name and password for POST /auth/token (from the environment).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>ShipHero: a refresh token (developer token) for POST /auth/refresh; used instead of, or before, the password.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>HTTP vendor: the secret that signs OrderSync's calls to the vendor; defaults to the first webhook secret.</summary>
    public string? OutboundSecret { get; set; }

    /// <summary>Whether OrderSync pushes orders to this ShipHero or HTTP vendor (it has an API base URL), or only receives its webhooks.</summary>
    public bool PushesOrders => Kind != VendorKind.ShopifyStore && ApiBaseUrl is not null;

    /// <summary>The Admin API base, ending in '/' so relative API paths resolve under it.</summary>
    public Uri AdminBaseUrl() => BaseUrl.ShopifyAdmin(AdminApiBaseUrl, ShopDomain);
}
