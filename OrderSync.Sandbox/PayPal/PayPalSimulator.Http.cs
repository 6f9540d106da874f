namespace OrderSync.Sandbox.PayPal;

/// <summary>
/// The same simulator over plain http on loopback, for a client in another process (OrderSync.Local in the end-to-end
/// tests) that cannot be handed <see cref="CreateHandler"/> to trust the throwaway certificate. OrderSync accepts an
/// http ApiBaseUrl only on loopback (PayPalOptionsValidator).
/// </summary>
public sealed partial class PayPalSimulator
{
    public static Task<PayPalSimulator> StartHttpAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default) =>
        StartAsync(clientId, clientSecret, null, https: false, cancellationToken);
}
