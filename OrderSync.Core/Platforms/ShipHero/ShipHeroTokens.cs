// ShipHero access tokens.
// Sources: developer.shiphero.com/getting-started ("Authentication"): POST https://public-api.shiphero.com/auth/token
//   {"username", "password"} → {"access_token", "expires_in" (seconds), "scope", "token_type": "Bearer", "refresh_token"};
//   POST /auth/refresh {"refresh_token"} → {"access_token", "expires_in", "scope", "token_type"}; then
//   "Authorization: Bearer <access_token>" on POST /graphql. Also /work/shared/PLATFORMS.md ("ShipHero").
// Unconfirmed here: whether /auth/refresh also answers a new refresh_token (read when present), and the exact error bodies
// of the auth endpoints (any non-2xx is classified by status: 401/403 permanent, 429/5xx transient).
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderSync.Core.Platforms.ShipHero;

/// <summary>
/// One cached access token per vendor, renewed <see cref="RenewBefore"/> ahead of its expiry: by refresh token when it has
/// one, else (or when the refresh is refused) by username and password. Thread-safe: concurrent callers of the same
/// vendor wait for one renewal instead of each asking for a token.
/// </summary>
public sealed class ShipHeroTokens(HttpClient http, TimeProvider time)
{
    private const string Platform = "ShipHero";
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public string? AccessToken;
        public string? RefreshToken;
        public DateTimeOffset ExpiresAt;
    }

    public async Task<string> GetAsync(ShipHeroAccount account, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(account.VendorId, _ => new Entry { RefreshToken = account.RefreshToken });
        if (Fresh(entry) is { } token) return token;
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(entry) is { } again) return again;
            await RenewAsync(account, entry, cancellationToken);
            return entry.AccessToken!;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets the access token (ShipHero refused it): the next call renews it.</summary>
    public void Invalidate(ShipHeroAccount account, string rejectedToken)
    {
        if (_entries.TryGetValue(account.VendorId, out var entry) && entry.AccessToken == rejectedToken) entry.ExpiresAt = DateTimeOffset.MinValue;
    }

    private string? Fresh(Entry entry) =>
        entry.AccessToken is { } token && time.GetUtcNow() + RenewBefore < entry.ExpiresAt ? token : null;

    private async Task RenewAsync(ShipHeroAccount account, Entry entry, CancellationToken cancellationToken)
    {
        var canLogIn = !string.IsNullOrEmpty(account.Username) && !string.IsNullOrEmpty(account.Password);
        if (entry.RefreshToken is { Length: > 0 } refresh)
        {
            try
            {
                await RequestAsync(account, entry, "auth/refresh", new JsonObject { ["refresh_token"] = refresh }, cancellationToken);
                return;
            }
            catch (PlatformException e) when (e.Kind == Lifecycle.FailureKind.Permanent && canLogIn)
            {
                entry.RefreshToken = null; // refused: log in again below
            }
        }
        if (!canLogIn) throw PlatformException.Permanent($"{Platform} vendor {account} has no usable refresh token and no username and password");
        await RequestAsync(account, entry, "auth/token",
            new JsonObject { ["username"] = account.Username, ["password"] = account.Password }, cancellationToken);
    }

    private async Task RequestAsync(ShipHeroAccount account, Entry entry, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(account.ApiBaseUrl, path)) { Content = JsonContent.Create(body) };
        var response = await PlatformHttp.SendAsync(http, request, $"{Platform} vendor {account}: {path}", cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw HttpFailure.Classify($"{Platform} {path}", response, time.GetUtcNow());
            try
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                var root = document.RootElement;
                var token = root.GetProperty("access_token").GetString();
                if (string.IsNullOrEmpty(token)) throw new InvalidOperationException("access_token is empty");
                var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? seconds : 3600;
                entry.AccessToken = token;
                entry.ExpiresAt = time.GetUtcNow().AddSeconds(expiresIn);
                if (root.TryGetProperty("refresh_token", out var r) && r.GetString() is { Length: > 0 } refresh) entry.RefreshToken = refresh;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw PlatformException.Transient($"{Platform} vendor {account}: {path} answered an unreadable token: {e.Message}", inner: e);
            }
        }
    }
}
