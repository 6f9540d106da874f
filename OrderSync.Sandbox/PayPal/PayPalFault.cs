namespace OrderSync.Sandbox.PayPal;

/// <summary>A way PayPal's REST API fails, to be played on a coming request.</summary>
public abstract partial record PayPalFault
{
    /// <summary>HTTP 429 RATE_LIMIT_REACHED with a Retry-After header (seconds).</summary>
    public sealed record RateLimited(int RetryAfterSeconds = 1) : PayPalFault;

    /// <summary>An HTTP 5xx with PayPal's error body.</summary>
    public sealed record ServerError(int StatusCode = 503) : PayPalFault;

    /// <summary>A 200 whose body is not JSON (a proxy's error page).</summary>
    public sealed record MalformedBody : PayPalFault;

    /// <summary>Holds the request for <see cref="Delay"/> (or until the caller goes away) before answering.</summary>
    public sealed record Stall(TimeSpan Delay) : PayPalFault;
}
