using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Messaging;

/// <summary>
/// A signal's id as a broker message id: the envelope id itself when it fits (Service Bus takes 128 characters), else a
/// digest of it, so duplicate detection still sees the same id for the same signal.
/// </summary>
public static class QueueMessageIds
{
    public const int MaxLength = 128;

    public static string For(SignalEnvelope envelope) =>
        envelope.Id.Length <= MaxLength ? envelope.Id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(envelope.Id)));
}
