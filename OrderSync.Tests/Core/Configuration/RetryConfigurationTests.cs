using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Policy;
using static OrderSync.Tests.Core.Configuration.SyncConfigurationBinding;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>The backoff of failed platform calls (OrderSync:Retry), bound for every merchant and checked at start-up.</summary>
[TestClass]
public sealed class RetryConfigurationTests
{
    private const string Shop = "merchant.myshopify.com";

    [TestMethod]
    public void Without_settings_every_merchant_has_the_default_backoff()
    {
        var options = Bind(new() { ["OrderSync:Merchants:0:Shop"] = Shop });

        Assert.IsEmpty(Errors(options));
        Assert.AreEqual(RetryPolicy.Default, new MerchantDirectory(Options.Create(options)).SettingsFor(Shop).Retry);
    }

    [TestMethod]
    public void The_configured_backoff_is_every_merchants()
    {
        var options = Bind(new()
        {
            ["OrderSync:Merchants:0:Shop"] = Shop, ["OrderSync:Retry:Initial"] = "00:00:02", ["OrderSync:Retry:Maximum"] = "00:00:10",
            ["OrderSync:Retry:Budget"] = "01:00:00",
        });

        Assert.IsEmpty(Errors(options));
        var retry = new MerchantDirectory(Options.Create(options)).SettingsFor(Shop).Retry;
        Assert.AreEqual(new RetryPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)), retry);
        Assert.AreEqual(TimeSpan.FromSeconds(8), retry.DelayAfter(3, null));
    }

    [TestMethod]
    public void A_backoff_that_cannot_work_fails_start_up_naming_the_setting()
    {
        var errors = Errors(Bind(new()
        {
            ["OrderSync:Retry:Initial"] = "00:00:00.100", ["OrderSync:Retry:Maximum"] = "00:00:00.050", ["OrderSync:Retry:Budget"] = "00:00:00.010",
        }));

        CollectionAssert.AreEquivalent(new[]
        {
            "OrderSync:Retry:Initial must be between 1 second and 1 hour.",
            "OrderSync:Retry:Maximum must be at least OrderSync:Retry:Initial.",
            "OrderSync:Retry:Budget must be at least OrderSync:Retry:Maximum.",
        }, errors.ToArray());
    }
}
