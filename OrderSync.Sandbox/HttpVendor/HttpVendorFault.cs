namespace OrderSync.Sandbox.HttpVendor;

/// <summary>A way a vendor's order API fails, to be played on a coming request of one kind ("create", "update", "cancel", "shipments", "feed").</summary>
public abstract record HttpVendorFault
{
    /// <summary>HTTP 429 with a Retry-After header (seconds).</summary>
    public sealed record RateLimited(int RetryAfterSeconds) : HttpVendorFault;

    /// <summary>An HTTP 5xx.</summary>
    public sealed record ServerError(int StatusCode = 503) : HttpVendorFault;

    /// <summary>A 200 whose body is not JSON.</summary>
    public sealed record MalformedBody : HttpVendorFault;

    /// <summary>HTTP 422 with a reason: the vendor refuses the request.</summary>
    public sealed record Refused(string Reason) : HttpVendorFault;

    public sealed record StallBeforeEffect(TimeSpan Delay) : HttpVendorFault;

    public sealed record StallAfterEffect(TimeSpan Delay) : HttpVendorFault;
}
