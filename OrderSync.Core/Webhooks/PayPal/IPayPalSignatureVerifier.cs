namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>One way of checking a PayPal transmission's signature: offline (<see cref="PayPalOfflineVerifier"/>) or by asking PayPal (<see cref="PayPalOnlineVerifier"/>).</summary>
public interface IPayPalSignatureVerifier
{
    /// <param name="receivedAt">When the delivery arrived: the time the signing certificate must be valid at.</param>
    Task<Authenticity> VerifyAsync(PayPalTransmission transmission, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
