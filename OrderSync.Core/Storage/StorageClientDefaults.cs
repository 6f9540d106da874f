using Azure.Core;

namespace OrderSync.Core.Storage;

/// <summary>How patient a storage client is: briefly on the webhook path, at length for the work behind it.</summary>
internal static class StorageClientDefaults
{
    /// <summary>
    /// Storage calls on the webhook path, which Shopify abandons after 5 seconds: retry briefly and give up fast, so an
    /// outage is answered 503 (the sender retries) instead of holding the connection.
    /// </summary>
    public static T ForWebhooks<T>(T options) where T : ClientOptions =>
        Retrying(options, retries: 2, delay: TimeSpan.FromMilliseconds(100), maxDelay: TimeSpan.FromSeconds(1), timeout: TimeSpan.FromSeconds(3));

    /// <summary>
    /// Storage calls of the work behind the webhooks (orders, the worker's hold on its messages), which nobody waits on: a
    /// slow answer is better than a timed-out one. A write that timed out may still have been applied, and its retry adds
    /// load to a storage that is already slow (found on a loaded Azurite: an order's claim applied with its answer lost,
    /// a message that could not be given back waiting out its visibility timeout).
    /// </summary>
    public static T ForWork<T>(T options) where T : ClientOptions =>
        Retrying(options, retries: 3, delay: TimeSpan.FromMilliseconds(200), maxDelay: TimeSpan.FromSeconds(5), timeout: TimeSpan.FromSeconds(30));

    private static T Retrying<T>(T options, int retries, TimeSpan delay, TimeSpan maxDelay, TimeSpan timeout) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = delay;
        options.Retry.MaxDelay = maxDelay;
        options.Retry.NetworkTimeout = timeout;
        return options;
    }
}
