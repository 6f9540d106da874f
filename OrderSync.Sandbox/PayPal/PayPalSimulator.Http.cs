namespace OrderSync.Sandbox.PayPal;

/// <summary>
/// The same simulator over plain http on loopback, for a client in another process (OrderSync.Local in the end-to-end
/// tests) that cannot be handed <see cref="CreateHandler"/> to trust the throwaway certificate. OrderSync accepts an
/// http ApiBaseUrl only on loopback (PayPalOptionsValidator).
/// </summary>
public sealed partial class PayPalSimulator
{
    /// <param name="checkSchemas">False skips the check of each request and answer against PayPal's specifications (a benchmark's world).</param>
    public static Task<PayPalSimulator> StartHttpAsync(string clientId, string clientSecret, bool checkSchemas = true, CancellationToken cancellationToken = default) =>
        StartAsync(clientId, clientSecret, null, https: false, checkSchemas, cancellationToken);
}
