namespace OrderSync.Sandbox.Shopify;

/// <summary>A way the Shopify Admin API fails, to be played on a coming request.</summary>
public abstract record ShopifyFault
{
    /// <summary>HTTP 429 with a Retry-After header (seconds).</summary>
    public sealed record RateLimited(int RetryAfterSeconds) : ShopifyFault;

    /// <summary>HTTP 200 with a THROTTLED GraphQL error and the cost extension, as when the bucket is empty.</summary>
    public sealed record Throttled : ShopifyFault;

    /// <summary>An HTTP 5xx.</summary>
    public sealed record ServerError(int StatusCode = 503) : ShopifyFault;

    /// <summary>A 200 whose body is not JSON (a proxy's error page).</summary>
    public sealed record MalformedBody : ShopifyFault;

    /// <summary>A 200 with valid JSON that is not shaped as the schema says (the field is null).</summary>
    public sealed record UnexpectedShape : ShopifyFault;

    /// <summary>Holds the request for <see cref="Delay"/> (or until the caller goes away) before doing anything.</summary>
    public sealed record StallBeforeEffect(TimeSpan Delay) : ShopifyFault;

    /// <summary>Does the work, then holds the answer for <see cref="Delay"/> (or until the caller goes away).</summary>
    public sealed record StallAfterEffect(TimeSpan Delay) : ShopifyFault;

    /// <summary>The mutation answers a user error on <see cref="Field"/>.</summary>
    public sealed record UserError(string Field, string Message) : ShopifyFault;
}
