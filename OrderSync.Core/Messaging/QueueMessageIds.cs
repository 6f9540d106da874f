using OrderSync.Core.Execution;

namespace OrderSync.Core.Messaging;

/// <summary>
/// A signal's id as a broker message id: the envelope id itself when it fits (Service Bus takes 128 characters), else a
/// digest of it, so duplicate detection still sees the same id for the same signal.
/// </summary>
public static class QueueMessageIds
{
    public const int MaxLength = 128;

    public static string For(SignalEnvelope envelope) => PlatformKeys.Fit(envelope.Id, MaxLength);
}
