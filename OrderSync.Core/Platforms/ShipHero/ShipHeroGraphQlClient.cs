// ShipHero public GraphQL API transport.
// Sources: developer.shiphero.com/getting-started (POST https://public-api.shiphero.com/graphql, body {"query","variables"},
//   "Authorization: Bearer <access_token>"); developer.shiphero.com/troubleshooting/error-glossary ("GraphQL always answers
//   with HTTP 200 when the query itself is valid. Failures are reported in the errors array, and the affected field is null
//   in data"; each error carries message, operation, field, request_id and a numeric code); every operation answers
//   {request_id, complexity, …}; credits: developer.shiphero.com "Throttling & Quotas" and the UserQuota type
//   (developer.shiphero.com/schema/types/user-quota.html: credits_remaining, max_available, increment_rate).
// Unconfirmed here (configurable in ShipHeroOptions): which error code/message means "not enough credits", and how the wait
//   is written; this client reads a "time_remaining" field ("N seconds"), else "in N seconds" in the message, else
//   (required_credits - remaining_credits) / restore rate, else waits 2 seconds.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.ShipHero;

public sealed partial class ShipHeroGraphQlClient(HttpClient http, ShipHeroTokens tokens, IOptions<ShipHeroOptions> options, TimeProvider time)
{
    private const string Platform = "ShipHero";

    /// <summary>Credits restored per second when an error does not say how long to wait (ShipHero's documented default: 60).</summary>
    public const double DefaultRestoreRate = 60;

    /// <summary>Runs one operation; answers the "data" object, or throws a classified <see cref="PlatformException"/>.</summary>
    public async Task<JsonElement> ExecuteAsync(ShipHeroAccount account, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(account, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(account.ApiBaseUrl, "graphql"))
            {
                Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await PlatformHttp.SendAsync(http, request, $"{Platform} vendor {account}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                tokens.Invalidate(account, token); // expired or revoked early: renew once and try again
                continue;
            }
            return await ReadAsync(account, response, cancellationToken);
        }
    }

    private async Task<JsonElement> ReadAsync(ShipHeroAccount account, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            if (!response.IsSuccessStatusCode) throw HttpFailure.Classify(Platform, response, time.GetUtcNow());
            throw PlatformException.Transient($"{Platform} vendor {account} answered a body that is not JSON", inner: e);
        }
        if (!response.IsSuccessStatusCode) throw HttpFailure.Classify(Platform, response, time.GetUtcNow());
        if (root.ValueKind != JsonValueKind.Object) throw PlatformException.Transient($"{Platform} vendor {account} answered JSON that is not an object");

        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            if (ThrottledFor(errors) is { } wait)
                throw PlatformException.Transient($"{Platform} vendor {account} is out of API credits: {Messages(errors)}", wait);
            throw PlatformException.Permanent($"{Platform} vendor {account} rejected the request: {Messages(errors)}");
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            throw PlatformException.Transient($"{Platform} vendor {account} answered without data");
        return data;
    }

    /// <summary>When one of the errors says the account is out of credits: how long to wait.</summary>
    internal TimeSpan? ThrottledFor(JsonElement errors)
    {
        var o = options.Value;
        foreach (var error in errors.EnumerateArray())
        {
            if (error.ValueKind != JsonValueKind.Object) continue;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            var byCode = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var code) && o.ThrottleErrorCodes.Contains(code);
            var byText = o.ThrottleMessageMarkers.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase));
            if (!byCode && !byText) continue;

            if (error.TryGetProperty("time_remaining", out var remaining) && Seconds(remaining.ToString()) is { } s) return s;
            if (Seconds(message) is { } fromMessage) return fromMessage;
            if (error.TryGetProperty("required_credits", out var req) && req.TryGetDouble(out var required)
                && error.TryGetProperty("remaining_credits", out var rem) && rem.TryGetDouble(out var have))
                return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((required - have) / DefaultRestoreRate)));
            return TimeSpan.FromSeconds(2);
        }
        return null;
    }

    private static TimeSpan? Seconds(string text) =>
        SecondsPattern().Match(text) is { Success: true } m && double.TryParse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(n)))
            : null;

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)\s*(seconds?|secs?|s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondsPattern();

    private static string Messages(JsonElement errors) =>
        string.Join("; ", errors.EnumerateArray().Select(e =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.ToString() : e.ToString()));
}
