using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using static OrderSync.Tests.Core.Configuration.SyncConfigurationBinding;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>Where OrderSync calls a merchant's own store (tracking, payment look-up): its Admin API URL and token, from settings only.</summary>
[TestClass]
public sealed class MerchantStoreConfigurationTests
{
    private const string Shop = "merchant.myshopify.com";

    [TestMethod]
    public void The_store_is_called_at_its_myshopify_domain_with_the_configured_token()
    {
        var options = Bind(new() { ["OrderSync:Merchants:0:Shop"] = Shop, ["OrderSync:Merchants:0:AccessToken"] = "shpat_secret" });
        Assert.IsEmpty(Errors(options));

        var store = new MerchantDirectory(Options.Create(options)).MerchantStore(Shop);

        Assert.AreEqual((new Uri($"https://{Shop}/"), "shpat_secret"), (store.AdminBaseUrl, store.AccessToken));
        Assert.AreEqual(Shop, store.ToString(), "the token is never printed");
    }

    [TestMethod]
    public void A_configured_Admin_API_URL_is_used()
    {
        var options = Bind(new()
        {
            ["OrderSync:Merchants:0:Shop"] = Shop, ["OrderSync:Merchants:0:AccessToken"] = "shpat_secret",
            ["OrderSync:Merchants:0:AdminApiBaseUrl"] = "http://127.0.0.1:5555/stores/merchant",
        });

        Assert.AreEqual(new Uri("http://127.0.0.1:5555/stores/merchant/"), new MerchantDirectory(Options.Create(options)).MerchantStore(Shop).AdminBaseUrl);
    }

    [TestMethod]
    public void Bad_store_settings_fail_start_up_naming_the_setting_without_the_token()
    {
        var errors = Errors(Bind(new()
        {
            ["OrderSync:Merchants:0:Shop"] = Shop, ["OrderSync:Merchants:0:AccessToken"] = "shpat secret",
            ["OrderSync:Merchants:0:AdminApiBaseUrl"] = "stores/merchant",
        }));

        Assert.IsTrue(errors.Any(e => e.StartsWith("OrderSync:Merchants:0:AdminApiBaseUrl", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.StartsWith("OrderSync:Merchants:0:AccessToken", StringComparison.Ordinal)));
        Assert.IsFalse(errors.Any(e => e.Contains("shpat", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_store_without_a_token_or_not_configured_is_a_permanent_failure_naming_what_to_set()
    {
        var directory = new MerchantDirectory(Options.Create(Bind(new() { ["OrderSync:Merchants:0:Shop"] = Shop })));

        var noToken = Assert.ThrowsExactly<PlatformException>(() => directory.MerchantStore(Shop));
        var unknown = Assert.ThrowsExactly<PlatformException>(() => directory.MerchantStore("other.myshopify.com"));

        Assert.AreEqual(FailureKind.Permanent, noToken.Kind);
        StringAssert.Contains(noToken.Reason, "OrderSync:Merchants:N:AccessToken");
        StringAssert.Contains(unknown.Reason, "is not configured in OrderSync");
    }
}
