using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;
using OrderSync.Core.Orders;
using OrderSync.Core.Policy;
using static OrderSync.Tests.Core.Configuration.SyncConfigurationBinding;

namespace OrderSync.Tests.Core.Configuration;

/// <summary>A merchant's order-sync settings, as written in configuration, reach the decider as <see cref="SyncSettings"/>; bad ones fail start-up naming the setting.</summary>
[TestClass]
public sealed class MerchantSettingsConfigurationTests
{
    private const string Shop = "merchant.myshopify.com";

    [TestMethod]
    public void Every_setting_a_merchant_knows_is_read_from_configuration()
    {
        var options = Bind(new()
        {
            ["OrderSync:Merchants:0:Shop"] = Shop,
            ["OrderSync:Merchants:0:PushOnlyIfPaid"] = "true",
            ["OrderSync:Merchants:0:OverrideCustomerInfo"] = "true",
            ["OrderSync:Merchants:0:MerchantContact:FirstName"] = "Acme",
            ["OrderSync:Merchants:0:MerchantContact:LastName"] = "Fulfilment",
            ["OrderSync:Merchants:0:MerchantContact:Email"] = "orders@acme.example",
            ["OrderSync:Merchants:0:MerchantContact:Phone"] = "+441234567890",
            ["OrderSync:Merchants:0:SyncTrackingToShopify"] = "true",
            ["OrderSync:Merchants:0:SyncTrackingToPayPal"] = "false",
            ["OrderSync:Merchants:0:SyncTrackingToStripe"] = "false",
            ["OrderSync:Merchants:0:PropagateLineEdits"] = "false",
            ["OrderSync:Merchants:0:OnPaymentReversal"] = "CancelAtVendor",
        });
        Assert.IsEmpty(Errors(options));

        var settings = new MerchantDirectory(Options.Create(options)).SettingsFor(Shop);

        Assert.IsTrue(settings.PushOnlyIfPaid);
        Assert.IsTrue(settings.OverrideCustomerInfo);
        Assert.AreEqual(new Customer("Acme", "Fulfilment", "orders@acme.example", "+441234567890"), settings.MerchantContact);
        Assert.IsTrue(settings.SyncTrackingToShopify);
        Assert.IsFalse(settings.SyncTrackingToPayPal);
        Assert.IsFalse(settings.SyncTrackingToStripe);
        Assert.IsFalse(settings.PropagateLineEdits);
        Assert.AreEqual(PaymentReversalAction.CancelAtVendor, settings.OnPaymentReversal);
    }

    [TestMethod]
    public void Unset_settings_keep_the_defaults_merchants_expect()
    {
        var settings = new MerchantDirectory(Options.Create(Bind(new() { ["OrderSync:Merchants:0:Shop"] = Shop }))).SettingsFor(Shop);

        Assert.IsTrue(settings.EnableOrderSync);
        Assert.IsFalse(settings.OverrideCustomerInfo);
        Assert.IsTrue(settings.SyncTrackingToShopify && settings.SyncTrackingToPayPal && settings.SyncTrackingToStripe);
        Assert.IsTrue(settings.PropagateLineEdits);
        Assert.AreEqual(PaymentReversalAction.Hold, settings.OnPaymentReversal);
    }

    [TestMethod]
    public void Overriding_customer_info_without_a_merchant_contact_is_refused_naming_the_setting()
    {
        var options = Bind(new() { ["OrderSync:Merchants:0:Shop"] = Shop, ["OrderSync:Merchants:0:OverrideCustomerInfo"] = "true" });

        CollectionAssert.AreEqual(
            new[] { "OrderSync:Merchants:0:OverrideCustomerInfo needs MerchantContact with a name (FirstName or LastName) and an Email to send in the buyer's place." },
            Errors(options).ToArray());
    }

    [TestMethod]
    public void Buyer_contact_is_replaced_only_when_overriding_is_on()
    {
        var buyer = new Customer("Jane", "Buyer", "jane@example.com", "+15550001");
        var merchant = new Customer("Acme", null, "orders@acme.example", null);

        Assert.AreEqual(buyer, new SyncSettings { MerchantContact = merchant }.ContactFor(buyer));
        Assert.AreEqual(merchant, new SyncSettings { OverrideCustomerInfo = true, MerchantContact = merchant }.ContactFor(buyer));
    }
}
