namespace OrderSync.Core.Webhooks;

/// <summary>The ingress's answer to a webhook: an HTTP status and a reason safe to show the sender.</summary>
public sealed record WebhookResult(int StatusCode, string Reason)
{
    /// <summary>The body the sender expects instead of the reason, when it expects one.</summary>
    public IReadOnlyDictionary<string, string>? Reply { get; init; }

    /// <summary>The outcome the ordersync.webhooks.received metric counts: never shown to the sender.</summary>
    public string Outcome { get; init; } = "";

    /// <summary>What the shells send back as JSON.</summary>
    public IReadOnlyDictionary<string, string> Body() => Reply ?? new Dictionary<string, string> { ["reason"] = Reason };

    public static WebhookResult Accepted(int signals) => new(200, $"accepted: {signals} signal(s) queued") { Outcome = "queued" };
    public static WebhookResult Duplicate() => new(200, "duplicate delivery: already queued") { Outcome = "duplicate" };
    public static WebhookResult Ignored(string why) => new(200, $"ignored: {why}") { Outcome = "ignored" };
    public static WebhookResult Malformed(string why) => new(400, $"malformed webhook: {why}") { Outcome = "bad_request" };
    public static WebhookResult Unauthorized() => new(401, "signature missing or invalid") { Outcome = "unauthorized" };
    public static WebhookResult UnknownSource(string source) => new(404, $"no webhook source named '{source}'") { Outcome = "unknown_source" };
    public static WebhookResult TooLarge(long limit) => new(413, $"body larger than {limit} bytes") { Outcome = "too_large" };
    public static WebhookResult CannotVerify() => new(503, "could not verify the signature now; please retry") { Outcome = "unavailable" };
    public static WebhookResult Unavailable() => new(503, "could not queue the webhook; please retry") { Outcome = "unavailable" };
}
