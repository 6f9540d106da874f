using OrderSync.Core.Orders;

namespace OrderSync.Tests.Core;

/// <summary>Which addresses can be sent to a vendor, and what is said about those that cannot.</summary>
[TestClass]
public sealed class AddressRulesTests
{
    private static readonly Address London = new("Ada", "Lovelace", null, "1 Analytical Way", null, "London", null, "GB", "N1 9GU", null);

    [TestMethod]
    public void A_complete_address_has_no_problem() => Assert.IsEmpty(AddressRules.Problems(London));

    [TestMethod]
    [DataRow("UK", DisplayName = "UK is not ISO 3166-1 (GB is)")]
    [DataRow("gb", DisplayName = "lower case")]
    [DataRow("GBR", DisplayName = "alpha-3")]
    [DataRow("", DisplayName = "empty")]
    [DataRow(null, DisplayName = "missing")]
    public void A_country_code_that_is_not_ISO_3166_alpha_2_is_named(string? country)
    {
        var problem = AddressRules.Problems(London with { CountryCode = country }).Single();

        StringAssert.Contains(problem, "not an ISO 3166-1 alpha-2 code");
    }

    [TestMethod]
    public void Missing_name_street_and_city_are_each_named()
    {
        var problems = AddressRules.Problems(London with { FirstName = null, LastName = " ", Address1 = null, City = "" });

        CollectionAssert.AreEqual(new[] { "no recipient name", "no street address", "no city" }, problems.ToArray());
    }

    [TestMethod]
    public void A_company_is_a_recipient_name() =>
        Assert.IsEmpty(AddressRules.Problems(London with { FirstName = null, LastName = null, Company = "Analytical Engines Ltd" }));

    [TestMethod]
    [DataRow("GB")]
    [DataRow("DE")]
    [DataRow("JP")]
    public void A_country_with_postal_codes_needs_one(string country) =>
        CollectionAssert.AreEqual(new[] { $"no postal code ({country} uses one)" }, AddressRules.Problems(London with { CountryCode = country, Zip = null }).ToArray());

    [TestMethod]
    [DataRow("HK")]
    [DataRow("AE")]
    [DataRow("IE")]
    public void A_country_without_postal_codes_needs_none(string country) =>
        Assert.IsEmpty(AddressRules.Problems(London with { CountryCode = country, Zip = null }));

    [TestMethod]
    public void A_US_address_needs_its_state()
    {
        var boston = London with { City = "Boston", CountryCode = "US", Zip = "02110" };

        CollectionAssert.AreEqual(new[] { "no state or province (US requires one)" }, AddressRules.Problems(boston).ToArray());
        Assert.IsEmpty(AddressRules.Problems(boston with { ProvinceCode = "MA" }));
    }
}
