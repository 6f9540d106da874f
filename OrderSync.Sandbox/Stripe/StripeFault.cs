namespace OrderSync.Sandbox.Stripe;

/// <summary>A way Stripe's API fails, to be played on a coming request (one that passed authentication).</summary>
public abstract record StripeFault
{
    /// <summary>HTTP 429 rate_limit error with Retry-After (seconds) and Stripe-Should-Retry: true; nothing is saved for the idempotency key.</summary>
    public sealed record RateLimited(int RetryAfterSeconds = 1) : StripeFault;

    /// <summary>An HTTP 5xx api_error in front of the endpoint: nothing happens and nothing is saved for the idempotency key.</summary>
    public sealed record ServerError(int StatusCode = 500) : StripeFault;

    /// <summary>
    /// An HTTP 5xx api_error raised after the endpoint began executing, with no effect: Stripe saves it under the
    /// Idempotency-Key and replays it to retries with that key ("including 500 errors", docs.stripe.com/idempotency).
    /// </summary>
    public sealed record SavedServerError(int StatusCode = 500) : StripeFault;

    /// <summary>A 200 whose body is not JSON (a proxy's error page); nothing happens.</summary>
    public sealed record MalformedBody : StripeFault;

    /// <summary>Holds the request for <see cref="Delay"/> (or until the caller goes away) before doing anything.</summary>
    public sealed record StallBeforeEffect(TimeSpan Delay) : StripeFault;

    /// <summary>Does the work (and saves the idempotent result), then holds the answer for <see cref="Delay"/> (or until the caller goes away).</summary>
    public sealed record StallAfterEffect(TimeSpan Delay) : StripeFault;
}
