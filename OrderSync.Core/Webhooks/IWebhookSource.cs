using OrderSync.Core.Messaging;

namespace OrderSync.Core.Webhooks;

/// <summary>One platform's webhooks: how to tell an authentic delivery, and what signals it carries.</summary>
public interface IWebhookSource
{
    /// <summary>The route segment and dedupe partition, e.g. "shopify".</summary>
    string Name { get; }

    /// <param name="account">The route's account segment (/api/webhooks/{source}/{account}), e.g. the vendor id; null when absent.</param>
    bool IsAuthentic(string? account, WebhookHeaders headers, ReadOnlySpan<byte> body, DateTimeOffset receivedAt);

    /// <summary>Reads an authentic delivery. Never throws for bad input: answers <see cref="WebhookParse.Malformed"/>.</summary>
    WebhookParse Parse(string? account, WebhookHeaders headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt);
}

public abstract record WebhookParse
{
    /// <summary>A delivery OrderSync acts on: its delivery id (for de-duplication) and the signals it carries.</summary>
    public sealed record Accepted(string DeliveryId, IReadOnlyList<InboundSignal> Signals) : WebhookParse;

    public sealed record Ignored(string Reason) : WebhookParse;

    public sealed record Malformed(string Reason) : WebhookParse;
}
