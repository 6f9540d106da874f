using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>PAYPAL-CERT-URL could not be fetched now (network, timeout, 5xx, 429): the delivery is answered 503 and PayPal retries.</summary>
public sealed class PayPalCertificateUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>What PAYPAL-CERT-URL served is not a certificate (4xx, a redirect, not PEM): the delivery cannot be PayPal's.</summary>
public sealed class PayPalCertificateRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Downloads the PEM certificate chain at an (already allowed) PAYPAL-CERT-URL. Redirects are not followed (the
/// handler is registered without them), so the host that answers is the host that was allowed.
/// </summary>
public sealed class PayPalCertificateClient(HttpClient http)
{
    private const int MaxBytes = 64 * 1024; // a PEM chain is a few KiB

    public async Task<X509Certificate2Collection> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new PayPalCertificateUnavailableException($"{url.Host} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PayPalCertificateUnavailableException($"{url.Host} did not answer in time", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
                throw new PayPalCertificateUnavailableException($"{url.Host} answered {status} for the certificate");
            if (!response.IsSuccessStatusCode)
                throw new PayPalCertificateRejectedException($"{url.Host} answered {status} for the certificate");
            if (response.Content.Headers.ContentLength > MaxBytes)
                throw new PayPalCertificateRejectedException("the certificate download is larger than a certificate chain");

            string pem;
            try
            {
                pem = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new PayPalCertificateUnavailableException($"{url.Host} broke off the certificate download", e);
            }
            return Parse(pem);
        }
    }

    private static X509Certificate2Collection Parse(string pem)
    {
        if (pem.Length > MaxBytes) throw new PayPalCertificateRejectedException("the certificate download is larger than a certificate chain");
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new PayPalCertificateRejectedException("the certificate download is not a PEM certificate", e);
        }
        if (certificates.Count == 0) throw new PayPalCertificateRejectedException("the certificate download holds no certificate");
        return certificates;
    }
}
