using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// PayPal's signing certificates by URL, fetched once and reused until <see cref="PayPalOptions.CertificateCacheDuration"/>
/// has passed ("get the certData from the URL provided in the HTTP headers and cache it": paypal/PayPal-Java-SDK
/// SSLUtil.validateData). Only downloads that parse are kept; concurrent misses for one URL share a single download.
/// </summary>
public sealed class PayPalCertificateStore(PayPalCertificateClient client, IOptions<PayPalOptions> options, TimeProvider time)
{
    private readonly TimeSpan _keepFor = options.Value.CertificateCacheDuration;
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(X509Certificate2Collection Certificates, DateTimeOffset ExpiresAt);

    /// <exception cref="PayPalCertificateUnavailableException">The download failed in a way that may heal.</exception>
    /// <exception cref="PayPalCertificateRejectedException">The URL did not serve a certificate.</exception>
    public async Task<X509Certificate2Collection> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var key = url.AbsoluteUri;
        while (true)
        {
            var lazy = _entries.GetOrAdd(key, _ => new Lazy<Task<Entry>>(() => FetchAsync(url)));
            Entry entry;
            try
            {
                entry = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(KeyValuePair.Create(key, lazy)); // a failure is not cached
                throw;
            }
            if (entry.ExpiresAt > time.GetUtcNow()) return entry.Certificates;
            _entries.TryRemove(KeyValuePair.Create(key, lazy));
        }
    }

    // Not tied to one caller's cancellation: the download is shared by every delivery waiting for it; the client's timeout bounds it.
    private async Task<Entry> FetchAsync(Uri url) =>
        new(await client.FetchAsync(url, CancellationToken.None), time.GetUtcNow() + _keepFor);
}
