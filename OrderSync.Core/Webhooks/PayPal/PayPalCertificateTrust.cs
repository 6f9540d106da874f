using System.Security.Cryptography.X509Certificates;

namespace OrderSync.Core.Webhooks.PayPal;

/// <summary>
/// Whether a certificate fetched from PAYPAL-CERT-URL is PayPal's webhook signing certificate, at a given time.
/// The rules are paypal/PayPal-Java-SDK's (SSLUtil.validateCertificateChain): the chain is trusted, every certificate
/// is within its validity dates (checkValidity), and the subject's CN starts with "messageverificationcerts" and ends
/// with ".paypal.com" (messageverificationcerts.paypal.com live, messageverificationcerts.sandbox.paypal.com sandbox).
/// The time is the moment the delivery was received (the ingress's clock), never the sender's PAYPAL-TRANSMISSION-TIME.
/// <para>
/// Trust comes from the machine's root CAs (<see cref="SystemRoots"/>, production), or from certificates pinned by
/// value (<see cref="Pinned"/>: tests, whose official vector's certificate chains to nothing they hold).
/// The chain is built from what PAYPAL-CERT-URL served, the system store, and, for an intermediate missing from both,
/// the issuer's certificate named in the leaf's Authority Information Access (PayPal's SDK shipped DigiCert's
/// intermediate for the same reason; its test certificate comes alone). Revocation is not checked: it would add
/// OCSP/CRL round trips on the webhook path.
/// </para>
/// </summary>
public sealed class PayPalCertificateTrust
{
    private const string NamePrefix = "messageverificationcerts";
    private const string NameSuffix = ".paypal.com";
    private readonly X509Certificate2Collection? _pinned;

    private PayPalCertificateTrust(X509Certificate2Collection? pinned) => _pinned = pinned;

    public static PayPalCertificateTrust SystemRoots { get; } = new(null);

    /// <summary>Trusts exactly these certificates (compared byte for byte), instead of chains to root CAs. Name and dates are still checked.</summary>
    public static PayPalCertificateTrust Pinned(params X509Certificate2[] certificates) => new([.. certificates]);

    /// <returns>Null when <paramref name="leaf"/> is trusted at <paramref name="at"/>; otherwise why not.</returns>
    public string? Problem(X509Certificate2 leaf, X509Certificate2Collection presented, DateTimeOffset at)
    {
        var name = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!name.StartsWith(NamePrefix, StringComparison.OrdinalIgnoreCase) || !name.EndsWith(NameSuffix, StringComparison.OrdinalIgnoreCase))
            return $"certificate is issued to '{name}', not to PayPal's messageverificationcerts";
        if (at < leaf.NotBefore.ToUniversalTime() || at > leaf.NotAfter.ToUniversalTime())
            return $"certificate is not valid at {at:u} (valid {leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u})";
        return _pinned is null ? ChainProblem(leaf, presented, at) : PinProblem(leaf);
    }

    private string? PinProblem(X509Certificate2 leaf) =>
        _pinned!.Any(p => p.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)) ? null : "certificate is not one of the pinned certificates";

    private static string? ChainProblem(X509Certificate2 leaf, X509Certificate2Collection presented, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = false;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(5);
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        if (chain.Build(leaf)) return null;
        return $"certificate chain is not trusted ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))})";
    }
}
