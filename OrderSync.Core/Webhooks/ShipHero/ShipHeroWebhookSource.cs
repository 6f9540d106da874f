using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Webhooks.ShipHero;

/// <summary>
/// ShipHero's webhooks, at POST /api/webhooks/shiphero/{vendorId}: one URL per ShipHero vendor, so the route names whose
/// secrets to check. ShipHero signs the raw body with a base64 HMAC-SHA256 keyed with the shared_signature_secret that
/// webhook_create returns once (see <see cref="ShipHeroOptions.SignatureHeader"/> for the sources and what is unconfirmed).
/// </summary>
public sealed class ShipHeroWebhookSource(MerchantDirectory directory, IOptions<ShipHeroOptions> options) : IWebhookSource
{
    public const string SourceName = "shiphero";

    /// <summary>
    /// A per-message id ShipHero is reported to send (hookdeck/webhook-skills, shiphero-webhooks). Whether a retry keeps
    /// it is unconfirmed, so it is kept for tracing only (the signal's event id), not used to recognise redeliveries.
    /// </summary>
    public const string MessageIdHeader = "X-ShipHero-Message-ID";

    private readonly string _signatureHeader = options.Value.SignatureHeader;

    public string Name => SourceName;

    /// <summary>
    /// ShipHero waits for this body with a 200 (developer.shiphero.com/webhooks); its health monitoring disables a
    /// webhook whose answers keep failing.
    /// </summary>
    public IReadOnlyDictionary<string, string> SuccessReply { get; } = new Dictionary<string, string> { ["code"] = "200", ["Status"] = "Success" };

    public ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        ValueTask.FromResult(directory.Vendor(account, VendorKind.ShipHero) is { } vendor
            && WebhookHmac.IsValidBase64(body.Span, headers[_signatureHeader], vendor.WebhookSecrets)
                ? Authenticity.Authentic
                : Authenticity.Forged);

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        account is null
            ? new WebhookParse.Malformed("the route names no ShipHero vendor")
            : ShipHeroShipmentNormalizer.Normalize(account, body, headers[MessageIdHeader], receivedAt);
}
