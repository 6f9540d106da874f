using OrderSync.Core.Lifecycle;
using OrderSync.Core.Platforms;
using OrderSync.Core.Platforms.Carriers;

namespace OrderSync.Tests.Core.Carriers;

/// <summary>Carrier names, per-target renderings, detection from tracking-number formats, and validation before sending.</summary>
[TestClass]
public sealed class CarrierTests
{
    [TestMethod]
    [DataRow("UPS", Carrier.Ups)]
    [DataRow("ups", Carrier.Ups)]
    [DataRow("  ups ground ", Carrier.Ups)]
    [DataRow("United Parcel Service", Carrier.Ups)]
    [DataRow("U.P.S.", Carrier.Ups)]
    [DataRow("FedEx", Carrier.FedEx)]
    [DataRow("Federal Express", Carrier.FedEx)]
    [DataRow("FEDEX", Carrier.FedEx)]
    [DataRow("Fed Ex", Carrier.FedEx)]
    [DataRow("USPS", Carrier.Usps)]
    [DataRow("United States Postal Service", Carrier.Usps)]
    [DataRow("DHL Express", Carrier.DhlExpress)]
    [DataRow("dhl", Carrier.DhlExpress)]
    [DataRow("DHL eCommerce", Carrier.DhlEcommerce)]
    [DataRow("dhl e-commerce", Carrier.DhlEcommerce)]
    [DataRow("DHL_GLOBAL_ECOMMERCE", Carrier.DhlEcommerce)]
    [DataRow("Royal Mail", Carrier.RoyalMail)]
    [DataRow("ROYAL_MAIL", Carrier.RoyalMail)]
    [DataRow("Canada Post", Carrier.CanadaPost)]
    [DataRow("Postes Canada", Carrier.CanadaPost)]
    [DataRow("Australia Post", Carrier.AustraliaPost)]
    [DataRow("AusPost", Carrier.AustraliaPost)]
    [DataRow("DPD", Carrier.Dpd)]
    [DataRow("GLS", Carrier.Gls)]
    [DataRow("PostNL", Carrier.PostNl)]
    [DataRow("Post NL", Carrier.PostNl)]
    [DataRow("La Poste", Carrier.LaPoste)]
    [DataRow("Colissimo", Carrier.Colissimo)]
    [DataRow("La Poste/Colissimo", Carrier.Colissimo)]
    [DataRow("Hermes UK", Carrier.Evri)]
    public void Free_text_names_resolve_to_one_carrier_whatever_the_case_spacing_or_alias(string text, Carrier expected) =>
        Assert.AreEqual(expected, CarrierNames.Resolve(text));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("Bob's Van Service")]
    [DataRow("Swiss Post")]
    public void Text_that_names_no_known_carrier_resolves_to_null(string? text) => Assert.IsNull(CarrierNames.Resolve(text));

    [TestMethod]
    public void Every_carrier_has_one_row_and_resolves_from_its_own_names()
    {
        CollectionAssert.AreEquivalent(Enum.GetValues<Carrier>(), CarrierNames.Table.Select(r => r.Carrier).ToArray());
        foreach (var row in CarrierNames.Table)
        {
            Assert.AreEqual(row.Carrier, CarrierNames.Resolve(row.Name), row.Name);
            Assert.AreEqual(row.Carrier, CarrierNames.Resolve(row.ShopifyCompany), row.ShopifyCompany);
            if (row.PayPalCode is { } code) Assert.AreEqual(row.Carrier, CarrierNames.Resolve(code), code);
            foreach (var alias in row.Aliases) Assert.AreEqual(row.Carrier, CarrierNames.Resolve(alias), alias);
        }
    }

    [TestMethod]
    [DataRow(Carrier.Ups, "UPS")]
    [DataRow(Carrier.Usps, "USPS")]
    [DataRow(Carrier.FedEx, "FedEx")]
    [DataRow(Carrier.DhlExpress, "DHL Express")]
    [DataRow(Carrier.DhlEcommerce, "DHL eCommerce")]
    [DataRow(Carrier.RoyalMail, "Royal Mail")]
    [DataRow(Carrier.CanadaPost, "Canada Post")]
    [DataRow(Carrier.AustraliaPost, "Australia Post")]
    [DataRow(Carrier.PostNl, "PostNL")]
    [DataRow(Carrier.Colissimo, "Colissimo")]
    public void Shopify_gets_the_company_name_exactly_as_its_list_writes_it(Carrier carrier, string company) =>
        Assert.AreEqual(company, CarrierNames.ToShopifyCompany(carrier));

    [TestMethod]
    [DataRow(Carrier.Ups, "UPS", null)]
    [DataRow(Carrier.Usps, "USPS", null)]
    [DataRow(Carrier.FedEx, "FEDEX", null)]
    [DataRow(Carrier.DhlExpress, "DHL", null)]
    [DataRow(Carrier.DhlEcommerce, "DHL_GLOBAL_ECOMMERCE", null)]
    [DataRow(Carrier.RoyalMail, "ROYAL_MAIL", null)]
    [DataRow(Carrier.Dpd, "DPD", null)]
    [DataRow(Carrier.Gls, "GLS", null)]
    [DataRow(Carrier.CanadaPost, "OTHER", "Canada Post")]
    [DataRow(Carrier.PostNl, "OTHER", "PostNL")]
    [DataRow(Carrier.LaPoste, "OTHER", "La Poste")]
    public void PayPal_gets_its_code_or_OTHER_with_the_carrier_name(Carrier carrier, string code, string? nameOther) =>
        Assert.AreEqual((code, nameOther), CarrierNames.ToPayPal(carrier));

    [TestMethod]
    public void An_unknown_carrier_goes_to_PayPal_as_OTHER_with_the_text_given()
    {
        Assert.AreEqual(("OTHER", "Bob's Van Service"), CarrierNames.ToPayPal("  Bob's Van Service "));
        Assert.AreEqual(("UPS", (string?)null), CarrierNames.ToPayPal("ups ground"));
    }

    // Samples: UPS's widely published sample 1Z999AA10123456784 and ups.json test numbers; DHL Express valid/invalid test numbers from
    // jkeen/tracking_number_data couriers/dhl.json; S10 numbers built with the UPU S10 check digit
    // (serial 12345678 → check 5; 47312482 → 4 ... computed by the same weights 8,6,4,2,3,5,9,7).
    [TestMethod]
    [DataRow("1Z999AA10123456784", Carrier.Ups)]
    [DataRow("1z999aa10123456784", Carrier.Ups)]
    [DataRow(" 1Z5R89390357567127 ", Carrier.Ups)]
    [DataRow("1Z879E930346834440", Carrier.Ups)]
    [DataRow("1Z410E7W0392751591", Carrier.Ups)]
    [DataRow("1Z8V92A70367203024", Carrier.Ups)]
    [DataRow("9611020987654312345672", Carrier.FedEx)] // FedEx Ground 96 (tracking_number_data fedex.json)
    [DataRow("9400111899223344556677", Carrier.Usps)]   // 22-digit IMpb, 94…
    [DataRow("9205590164917312751089", Carrier.Usps)]   // 22-digit IMpb, 92…
    [DataRow("91234567890123456789", Carrier.Usps)]     // 20-digit, 91…
    [DataRow("EE123456785US", Carrier.Usps)]
    [DataRow("RR123456785GB", Carrier.RoyalMail)]
    [DataRow("CP123456785CA", Carrier.CanadaPost)]
    [DataRow("LX123456785AU", Carrier.AustraliaPost)]
    [DataRow("RR123456785NL", Carrier.PostNl)]
    [DataRow("3318810025", Carrier.DhlExpress)]
    [DataRow("8487135506", Carrier.DhlExpress)]
    [DataRow("1099255990", Carrier.DhlExpress)]
    [DataRow("3821724944", Carrier.DhlExpress)]
    public void A_well_known_format_names_its_carrier(string number, Carrier expected) =>
        Assert.AreEqual(expected, TrackingNumbers.Detect(number));

    [TestMethod]
    [DataRow("123456789012")]            // bare 12 digits: FedEx Express and others share it
    [DataRow("3318810010")]              // 10 digits whose mod-7 check fails (tracking_number_data invalid sample)
    [DataRow("3318810034")]
    [DataRow("RR123456784GB")]           // S10 with a wrong check digit
    [DataRow("RR123456785CH")]           // valid S10 from a post not in our table
    [DataRow("1Z999AA1012345678")]       // UPS prefix, one character short
    [DataRow("9600000000000000000001")]  // 22 digits starting 96 whose FedEx check digit fails (fedex.json invalid sample)
    [DataRow("1Z1111111111111111")]      // UPS shape, check digit fails (ups.json invalid sample)
    [DataRow("1Z999AA10123456785")]      // UPS sample with its last digit changed
    [DataRow("986578788855")]            // a valid FedEx Express 12-digit number: the shape is shared, so not claimed
    [DataRow("")]
    [DataRow(null)]
    [DataRow("hello")]
    public void An_ambiguous_or_unknown_format_detects_nothing(string? number) => Assert.IsNull(TrackingNumbers.Detect(number));

    [TestMethod]
    [DataRow("12345678", 5)]
    [DataRow("00000000", 5)]  // sum 0 → 11 → 5
    public void The_S10_check_digit_follows_the_UPU_weights(string serial, int check)
    {
        Assert.IsTrue(TrackingNumbers.S10CheckDigitHolds(serial, (char)('0' + check)));
        Assert.IsFalse(TrackingNumbers.S10CheckDigitHolds(serial, (char)('0' + (check + 1) % 10)));
    }

    [TestMethod]
    [DataRow("  1Z999AA10123456784\t", TrackingTarget.Shopify, "1Z999AA10123456784")]
    [DataRow("1Z999AA10123456784", TrackingTarget.PayPal, "1Z999AA10123456784")]
    public void A_good_number_is_sent_trimmed(string raw, TrackingTarget target, string sent) =>
        Assert.AreEqual(sent, TrackingNumberValidation.Require(raw, target));

    [TestMethod]
    [DataRow("https://www.ups.com/track?tracknum=1Z999AA10123456784", "URL")]
    [DataRow("www.royalmail.com/track-your-item#/tracking-results/RR123456785GB", "URL")]
    [DataRow("1Z999AA1 0123456784", "whitespace")]
    [DataRow("RR123456785GB\nRR123456786GB", "whitespace")]
    [DataRow("   ", "empty")]
    [DataRow(null, "empty")]
    public void A_pasted_url_inner_whitespace_or_nothing_is_a_permanent_failure_with_a_clear_reason(string? raw, string mentioned)
    {
        var e = Assert.ThrowsExactly<PlatformException>(() => TrackingNumberValidation.Require(raw, TrackingTarget.Shopify));
        Assert.AreEqual(FailureKind.Permanent, e.Kind);
        StringAssert.Contains(e.Reason, mentioned);
    }

    [TestMethod]
    public void Each_target_enforces_its_own_length_limit()
    {
        var sixtyFour = new string('A', 64);
        var sixtyFive = new string('A', 65);
        Assert.AreEqual(sixtyFour, TrackingNumberValidation.Require(sixtyFour, TrackingTarget.PayPal));
        var e = Assert.ThrowsExactly<PlatformException>(() => TrackingNumberValidation.Require(sixtyFive, TrackingTarget.PayPal));
        Assert.AreEqual(FailureKind.Permanent, e.Kind);
        StringAssert.Contains(e.Reason, "at most 64");
        Assert.AreEqual(sixtyFive, TrackingNumberValidation.Require(sixtyFive, TrackingTarget.Shopify));
        Assert.ThrowsExactly<PlatformException>(() => TrackingNumberValidation.Require(new string('A', 256), TrackingTarget.Shopify));
    }
}
