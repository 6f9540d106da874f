using OrderSync.Core.Configuration;

namespace OrderSync.Core.Webhooks.HttpVendors;

/// <summary>
/// Webhooks from vendors speaking OrderSync's own vendor API (docs/http-vendor-api.md), at POST
/// /api/webhooks/vendors/{vendorId}: the route names the vendor, whose secrets check the X-OrderSync-Signature header.
/// </summary>
public sealed class HttpVendorWebhookSource(MerchantDirectory directory) : IWebhookSource
{
    public const string SourceName = "vendors";

    public string Name => SourceName;

    public ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(directory.Vendor(account, VendorKind.HttpVendor) is { } vendor
            && HttpVendorSignature.Check(headers[HttpVendorSignature.Header], body.Span, vendor.WebhookSecrets, receivedAt) == SignatureCheck.Valid
                ? Authenticity.Authentic
                : Authenticity.Forged);

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        account is null
            ? new WebhookParse.Malformed("the route names no vendor")
            : HttpVendorEventNormalizer.Normalize(account, body, receivedAt);
}
