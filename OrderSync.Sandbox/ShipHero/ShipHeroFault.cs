namespace OrderSync.Sandbox.ShipHero;

/// <summary>A way ShipHero's API fails, to be played on a coming GraphQL request.</summary>
public abstract record ShipHeroFault
{
    /// <summary>HTTP 429 with a Retry-After header (seconds).</summary>
    public sealed record RateLimited(int RetryAfterSeconds) : ShipHeroFault;

    /// <summary>HTTP 200 with a "not enough credits" error (code 30) that names the wait.</summary>
    public sealed record NotEnoughCredits(int SecondsToWait) : ShipHeroFault;

    /// <summary>An HTTP 5xx.</summary>
    public sealed record ServerError(int StatusCode = 502) : ShipHeroFault;

    /// <summary>A 200 whose body is not JSON (a proxy's error page).</summary>
    public sealed record MalformedBody : ShipHeroFault;

    /// <summary>HTTP 401, as when ShipHero no longer accepts the access token.</summary>
    public sealed record TokenRejected : ShipHeroFault;

    /// <summary>A GraphQL error on the operation (HTTP 200, data.field null), as for invalid input.</summary>
    public sealed record OperationError(string Message, int Code = 9) : ShipHeroFault;

    /// <summary>Holds the request for <see cref="Delay"/> (or until the caller goes away) before doing anything.</summary>
    public sealed record StallBeforeEffect(TimeSpan Delay) : ShipHeroFault;

    /// <summary>Does the work, then holds the answer for <see cref="Delay"/> (or until the caller goes away).</summary>
    public sealed record StallAfterEffect(TimeSpan Delay) : ShipHeroFault;
}
