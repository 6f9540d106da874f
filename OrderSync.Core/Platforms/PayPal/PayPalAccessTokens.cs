using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.PayPal;

/// <summary>
/// The app's OAuth2 access token, requested with the client credentials and reused until it expires: PayPal answers
/// "the number of seconds the access token is valid" as expires_in (developer.paypal.com/api/rest/authentication/).
/// It is renewed a minute early (or at half its life, if shorter) so a token never expires in flight.
/// </summary>
public sealed class PayPalAccessTokens(PayPalApiClient api, IOptions<PayPalOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly string _clientId = options.Value.ClientId ?? "";
    private readonly string _clientSecret = options.Value.ClientSecret ?? "";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Issued? _current;

    private sealed record Issued(string Token, DateTimeOffset RenewAt);

    /// <exception cref="PlatformException">The token request failed.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token) return token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } raced) return raced;
            var requestedAt = time.GetUtcNow();
            var issued = await api.RequestTokenAsync(_clientId, _clientSecret, cancellationToken);
            var margin = issued.ExpiresIn / 2 < Margin ? issued.ExpiresIn / 2 : Margin;
            _current = new Issued(issued.Value, requestedAt + issued.ExpiresIn - margin);
            return issued.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token PayPal refused (401), so the next call requests a new one.</summary>
    public void Invalidate(string token)
    {
        var current = _current;
        if (current?.Token == token) Interlocked.CompareExchange(ref _current, null, current);
    }

    private string? Fresh() => _current is { } c && time.GetUtcNow() < c.RenewAt ? c.Token : null;
}
