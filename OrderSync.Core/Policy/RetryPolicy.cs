namespace OrderSync.Core.Policy;

/// <summary>
/// How transient failures are retried: exponential backoff from <see cref="Initial"/> up to <see cref="Maximum"/>,
/// never sooner than the platform's Retry-After, for at most <see cref="Budget"/> before the order needs a person.
/// </summary>
public sealed record RetryPolicy(TimeSpan Initial, TimeSpan Maximum, TimeSpan Budget)
{
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), TimeSpan.FromHours(24));

    public TimeSpan DelayAfter(int attempts, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * Math.Pow(2, exponent), Maximum.Ticks));
        return retryAfter is { } platformSays && platformSays > backoff ? platformSays : backoff;
    }
}
