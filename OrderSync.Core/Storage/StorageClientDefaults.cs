using Azure.Core;

namespace OrderSync.Core.Storage;

/// <summary>
/// Storage calls sit on the webhook path, which Shopify abandons after 5 seconds: retry briefly and give up fast,
/// so an outage is answered 503 (the sender retries) instead of holding the connection.
/// </summary>
internal static class StorageClientDefaults
{
    public static T Apply<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        return options;
    }
}
