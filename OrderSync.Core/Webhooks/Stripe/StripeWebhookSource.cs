using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Webhooks.Stripe;

/// <summary>
/// Stripe's payment events (POST /api/webhooks/stripe): verified with the endpoint's signing secret(s) and the signed
/// timestamp, de-duplicated by event id, read by <see cref="StripeEventNormalizer"/>.
/// </summary>
public sealed class StripeWebhookSource(IOptions<StripeOptions> options, ILogger<StripeWebhookSource> logger) : IWebhookSource
{
    public const string SourceName = "stripe";
    private readonly string[] _secrets = [.. options.Value.WebhookSecrets];
    private readonly TimeSpan _tolerance = options.Value.SignatureTolerance;
    private int _warnedNoSecret;

    public string Name => SourceName;

    public ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (_secrets.Length == 0 && Interlocked.Exchange(ref _warnedNoSecret, 1) == 0)
            logger.LogWarning("Stripe webhooks are refused: no signing secret is configured in {Setting}", $"{StripeOptions.Section}:WebhookSecrets");

        var authentic = StripeWebhookSignature.IsValid(body.Span, headers[StripeWebhookSignature.Header], _secrets, _tolerance, receivedAt);
        return ValueTask.FromResult(authentic ? Authenticity.Authentic : Authenticity.Forged);
    }

    public WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        StripeEventNormalizer.Normalize(body, receivedAt);
}
