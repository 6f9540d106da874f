using System.ComponentModel.DataAnnotations;

namespace OrderSync.Core.Platforms.Resilience;

/// <summary>The platforms OrderSync calls; each has its own resilience pipeline and options.</summary>
public enum Platform { Shopify, PayPal, Stripe, ShipHero, HttpVendor }

/// <summary>
/// Per-platform resilience settings, bound from "OrderSync:Resilience:{Platform}" (a named option per platform).
/// The bounds mirror Polly's own option validation (Polly.Core: TimeoutStrategyOptions.Timeout 10 ms – 1 day,
/// CircuitBreakerStrategyOptions.BreakDuration and SamplingDuration ≥ 0.5 s, MinimumThroughput ≥ 2, FailureRatio in (0, 1]),
/// so a bad setting fails start-up with its name rather than failing the first call.
/// </summary>
public sealed class PlatformResilienceOptions
{
    public const string SectionPrefix = "OrderSync:Resilience";

    public static string Section(Platform platform) => $"{SectionPrefix}:{platform}";

    /// <summary>How long one attempt may take before it is abandoned (and, when safe, retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick in-process retries after the first attempt. Longer recovery is the durable retry's job.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff; doubled per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest this process ever sleeps before a retry, Retry-After included. An answer asking for a longer wait is not
    /// retried here: it goes back to the caller, whose <see cref="HttpFailure.Classify"/> carries Retry-After into
    /// <see cref="PlatformException.RetryAfter"/> for OrderSync's durable retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
