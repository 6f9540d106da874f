using OrderSync.Core.Messaging;

namespace OrderSync.Core.Webhooks;

/// <summary>One platform's webhooks: how to tell an authentic delivery, and what signals it carries.</summary>
public interface IWebhookSource
{
    /// <summary>The route segment and dedupe partition, e.g. "shopify".</summary>
    string Name { get; }

    /// <summary>Checks the delivery's signature (and its age, where the platform signs a timestamp), in constant time.</summary>
    /// <param name="account">The route's account segment (/api/webhooks/{source}/{account}), e.g. the vendor id; null when absent.</param>
    ValueTask<Authenticity> VerifyAsync(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>The body a platform expects with a 200 (ShipHero checks it); null for OrderSync's own {"reason": …}.</summary>
    IReadOnlyDictionary<string, string>? SuccessReply => null;

    /// <summary>Reads an authentic delivery. Never throws for bad input: answers <see cref="WebhookParse.Malformed"/>.</summary>
    WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt);
}

public enum Authenticity
{
    Authentic,

    /// <summary>Missing, wrong or stale signature: 401.</summary>
    Forged,

    /// <summary>The signature could not be checked right now (e.g. a certificate could not be fetched): 503, so the sender retries.</summary>
    Unverifiable,
}

public abstract record WebhookParse
{
    /// <summary>A delivery OrderSync acts on: its delivery id (for de-duplication) and the signals it carries.</summary>
    public sealed record Accepted(string DeliveryId, IReadOnlyList<InboundSignal> Signals) : WebhookParse;

    public sealed record Ignored(string Reason) : WebhookParse;

    public sealed record Malformed(string Reason) : WebhookParse;
}
