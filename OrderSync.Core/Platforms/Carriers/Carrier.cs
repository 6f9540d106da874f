// One table for the carriers OrderSync knows, and how each target names them.
// Shopify names: the "Supported tracking companies" list of FulfillmentTrackingInfo.company
//   (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentTrackingInfo — "Send the tracking company
//   name exactly as written in the list (capitalization matters)", FulfillmentTrackingInput). Read in this session:
//   Australia Post, Canada Post, Colissimo, DHL eCommerce, DHL Express, DPD, Evri, FedEx, Deutsche Post, Chronopost.
//   UPS, USPS, Royal Mail, GLS, PostNL, La Poste sit further down the same list (not re-read here: confirm when the list is next read).
// PayPal codes: https://developer.paypal.com/track-orders/carriers/ — "If the following global or country-specific
//   tables do not contain your shipping carrier, set carrier to OTHER and set the carrier name in carrier_name_other."
//   UPS, USPS, FEDEX, DHL, DHL_GLOBAL_ECOMMERCE are PayPal's long-standing global codes (its legacy tracking sample list);
//   ROYAL_MAIL, DPD, GLS per /work/shared/PLATFORMS.md. Country-specific codes we have not confirmed are sent as OTHER
//   with the carrier's name — PayPal accepts that by the rule quoted above, so a guess never becomes a rejected call.
namespace OrderSync.Core.Platforms.Carriers;

public enum Carrier
{
    Ups,
    Usps,
    FedEx,
    DhlExpress,
    DhlEcommerce,
    RoyalMail,
    CanadaPost,
    AustraliaPost,
    Dpd,
    Gls,
    PostNl,
    LaPoste,
    Colissimo,
    Evri,
    DeutschePost,
    Chronopost,
}

/// <summary>A carrier's row: its display name, Shopify's company name, PayPal's code (null: send OTHER + name), free-text aliases.</summary>
internal sealed record CarrierRow(Carrier Carrier, string Name, string ShopifyCompany, string? PayPalCode, params string[] Aliases);
