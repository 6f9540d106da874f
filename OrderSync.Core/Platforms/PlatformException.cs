using OrderSync.Core.Lifecycle;

namespace OrderSync.Core.Platforms;

/// <summary>A platform call that did not succeed, classified: transient (retry, not before <see cref="RetryAfter"/>) or permanent.</summary>
public sealed class PlatformException(FailureKind kind, string reason, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public FailureKind Kind { get; } = kind;
    public string Reason { get; } = reason;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static PlatformException Transient(string reason, TimeSpan? retryAfter = null, Exception? inner = null) =>
        new(FailureKind.Transient, reason, retryAfter, inner);

    public static PlatformException Permanent(string reason, Exception? inner = null) =>
        new(FailureKind.Permanent, reason, null, inner);
}
