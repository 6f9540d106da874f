using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderSync.Core.Configuration;
using OrderSync.Core.Hosting;
using OrderSync.Core.Platforms.HttpVendors;
using OrderSync.Core.Platforms.ShipHero;

namespace OrderSync.Tests.Integration.ShipHero;

/// <summary>
/// A ShipHero vendor OrderSync pushes to (it has an ApiBaseUrl) needs credentials; a webhook-only one stays valid; the clients
/// are registered by AddOrderSync with one token cache per process. (HTTP vendor push settings are covered here too.)
/// </summary>
[TestClass]
public sealed class ShipHeroPushConfigurationTests
{
    private static IReadOnlyList<string> Errors(VendorOptions vendor)
    {
        var result = new SyncConfigurationValidator().Validate(null, new SyncConfiguration { Vendors = [vendor] });
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    private static VendorOptions Pushing() =>
        new() { Id = "acme-3pl", Kind = VendorKind.ShipHero, ApiBaseUrl = new Uri("https://public-api.shiphero.com/") };

    [TestMethod]
    public void A_webhook_only_ShipHero_vendor_needs_no_credentials() =>
        Assert.AreEqual(0, Errors(new VendorOptions { Id = "acme-3pl", Kind = VendorKind.ShipHero }).Count);

    [TestMethod]
    public void A_pushing_ShipHero_vendor_without_credentials_is_refused_naming_the_settings()
    {
        var errors = Errors(Pushing());

        Assert.AreEqual(1, errors.Count);
        StringAssert.Contains(errors[0], "OrderSync:Vendors:0");
        StringAssert.Contains(errors[0], "RefreshToken, or Username and Password");
    }

    [TestMethod]
    public void A_username_without_a_password_is_not_enough()
    {
        var vendor = Pushing();
        vendor.Username = "api@3pl.example";
        Assert.AreEqual(1, Errors(vendor).Count);
    }

    [TestMethod]
    public void Username_and_password_or_a_refresh_token_are_enough()
    {
        var withPassword = Pushing();
        (withPassword.Username, withPassword.Password) = ("api@3pl.example", "secret");
        var withRefresh = Pushing();
        withRefresh.RefreshToken = "rt";

        Assert.AreEqual(0, Errors(withPassword).Count);
        Assert.AreEqual(0, Errors(withRefresh).Count);
    }

    [TestMethod]
    public void A_relative_api_base_url_is_refused()
    {
        var vendor = Pushing();
        vendor.ApiBaseUrl = new Uri("/graphql", UriKind.Relative);
        vendor.RefreshToken = "rt";

        CollectionAssert.Contains(Errors(vendor).ToList(), "OrderSync:Vendors:0:ApiBaseUrl must be an absolute URL.");
    }

    [TestMethod]
    public void The_account_defaults_to_ShipHeros_public_API()
    {
        var account = ShipHeroAccount.From(new VendorOptions { Id = "acme-3pl", Kind = VendorKind.ShipHero, Password = "p" });

        Assert.AreEqual(new Uri("https://public-api.shiphero.com/"), account.ApiBaseUrl);
        Assert.AreEqual("acme-3pl", account.ToString());
    }

    [TestMethod]
    public void AddOrderSync_registers_the_ShipHero_and_HTTP_vendor_clients_with_one_token_cache()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrderSync:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["OrderSync:Shopify:WebhookSecrets:0"] = "shopify-secret",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddOrderSync(configuration).BuildServiceProvider();

        Assert.IsNotNull(services.GetRequiredService<ShipHeroVendorOrders>());
        Assert.IsNotNull(services.GetRequiredService<HttpVendorClient>());
        Assert.AreSame(services.GetRequiredService<ShipHeroTokens>(), services.GetRequiredService<ShipHeroTokens>());
    }
}
