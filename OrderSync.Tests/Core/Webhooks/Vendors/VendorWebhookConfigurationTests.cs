using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Hosting;
using OrderSync.Core.Webhooks;
using static OrderSync.Tests.Core.Webhooks.Vendors.VendorWebhookFixtures;

namespace OrderSync.Tests.Core.Webhooks.Vendors;

/// <summary>
/// Vendors that send webhooks are checked at start-up: an HTTP vendor needs a secret, no secret may be empty, and a
/// ShipHero or HTTP vendor's id must fit in its webhook URL. Both sources are registered by AddOrderSync.
/// </summary>
[TestClass]
public sealed class VendorWebhookConfigurationTests
{
    private static IReadOnlyList<string> Errors(params VendorOptions[] vendors)
    {
        var result = new SyncConfigurationValidator().Validate(null, new SyncConfiguration { Vendors = [.. vendors] });
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    [TestMethod]
    public void ShipHero_vendor_needs_no_shop_domain_access_token_or_secret() =>
        Assert.AreEqual(0, Errors(new VendorOptions { Id = ShipHeroVendorId, Kind = VendorKind.ShipHero }).Count);

    [TestMethod]
    public void HTTP_vendor_with_a_secret_is_valid() =>
        Assert.AreEqual(0, Errors(Vendor(HttpVendorId, VendorKind.HttpVendor, HttpVendorSecret)).Count);

    [TestMethod]
    public void HTTP_vendor_without_a_secret_is_refused_naming_the_setting() =>
        CollectionAssert.AreEqual(
            new[] { "OrderSync:Vendors:0:WebhookSecrets needs at least one secret for an HTTP vendor (set it in the environment, e.g. OrderSync__Vendors__0__WebhookSecrets__0)." },
            Errors(new VendorOptions { Id = HttpVendorId, Kind = VendorKind.HttpVendor }).ToArray());

    [TestMethod]
    [DataRow(VendorKind.ShipHero)]
    [DataRow(VendorKind.HttpVendor)]
    [DataRow(VendorKind.ShopifyStore)]
    public void Empty_secret_is_refused_for_every_kind(VendorKind kind)
    {
        var vendor = Vendor("v1", kind, HttpVendorSecret, " ");
        vendor.AccessToken = "token";

        CollectionAssert.AreEqual(
            new[] { "OrderSync:Vendors:0:WebhookSecrets:1 is empty: an empty secret would let anyone sign this vendor's webhooks." },
            Errors(vendor).ToArray());
    }

    [TestMethod]
    [DataRow(VendorKind.ShipHero, "acme/3pl")]
    [DataRow(VendorKind.HttpVendor, "acme 3pl")]
    [DataRow(VendorKind.HttpVendor, "acme?x=1")]
    public void Webhook_vendor_id_that_cannot_end_a_url_is_refused(VendorKind kind, string id) =>
        CollectionAssert.AreEqual(
            new[] { $"OrderSync:Vendors:0:Id '{id}' may hold only letters, digits, '-', '_' and '.': it ends the vendor's webhook URL." },
            Errors(Vendor(id, kind, HttpVendorSecret)).ToArray());

    [TestMethod]
    public void Shopify_store_vendor_ids_keep_their_existing_rules()
    {
        var store = Vendor("store one", VendorKind.ShopifyStore);
        store.AccessToken = "token";

        Assert.AreEqual(0, Errors(store).Count);
    }

    // ---- registration ----

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["OrderSync:Shopify:WebhookSecrets:0"] = "app-secret",
                ["OrderSync:Vendors:0:Id"] = ShipHeroVendorId,
                ["OrderSync:Vendors:0:Kind"] = "ShipHero",
                ["OrderSync:Vendors:1:Id"] = HttpVendorId,
                ["OrderSync:Vendors:1:Kind"] = "HttpVendor",
                ["OrderSync:Vendors:1:WebhookSecrets:0"] = HttpVendorSecret,
            }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        return new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();
    }

    [TestMethod]
    public void AddOrderSync_registers_the_ShipHero_and_HTTP_vendor_sources_beside_Shopify()
    {
        using var services = Services();

        var names = services.GetServices<IWebhookSource>().Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.IsSubsetOf(new[] { "shiphero", "shopify", "vendors" }, names);
    }

    [TestMethod]
    public void ShipHero_signature_header_defaults_to_X_ShipHero_HMAC_SHA256_and_can_be_configured()
    {
        using var defaults = Services();
        using var configured = Services(("OrderSync:ShipHero:SignatureHeader", "X-ShipHero-Signature"));

        Assert.AreEqual("X-ShipHero-HMAC-SHA256", defaults.GetRequiredService<IOptions<ShipHeroOptions>>().Value.SignatureHeader);
        Assert.AreEqual("X-ShipHero-Signature", configured.GetRequiredService<IOptions<ShipHeroOptions>>().Value.SignatureHeader);
    }

    [TestMethod]
    public void ShipHero_signature_header_that_is_not_a_header_name_fails_naming_the_setting()
    {
        using var services = Services(("OrderSync:ShipHero:SignatureHeader", "X ShipHero: sig"));

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<ShipHeroOptions>>().Value);

        StringAssert.Contains(error.Message, "OrderSync:ShipHero:SignatureHeader must be an HTTP header name");
    }

    [TestMethod]
    public void HTTP_vendor_without_a_secret_fails_when_the_sources_are_built()
    {
        using var services = Services(("OrderSync:Vendors:2:Id", "other-http"), ("OrderSync:Vendors:2:Kind", "HttpVendor"));

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetServices<IWebhookSource>().ToList());

        StringAssert.Contains(error.Message, "OrderSync:Vendors:2:WebhookSecrets needs at least one secret for an HTTP vendor");
    }
}
