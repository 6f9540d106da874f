// PayPal REST transport (no PayPal SDK).
// OAuth2: POST {base}/v1/oauth2/token, "Authorization: Basic base64(CLIENT_ID:CLIENT_SECRET)", form
// grant_type=client_credentials → {scope, access_token, token_type, app_id, expires_in, nonce}
// (developer.paypal.com/api/rest/authentication/; paypal/Checkout-NET-SDK AccessTokenRequest.cs and AccessToken.cs).
// Verify: POST {base}/v1/notifications/verify-webhook-signature, Bearer token, JSON {auth_algo, cert_url, transmission_id,
// transmission_sig, transmission_time, webhook_id, webhook_event} → 200 {verification_status: SUCCESS | FAILURE}
// (developer.paypal.com/api/webhooks/v1/verify-webhook-signature-post).
// Neither the secret, the token nor a body is ever put in an exception message or a log.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderSync.Core.Configuration;

namespace OrderSync.Core.Platforms.PayPal;

public sealed record PayPalAccessToken(string Value, TimeSpan ExpiresIn);

/// <summary>PayPal answered 401 or 403 to a call made with a bearer token: the token is expired or revoked, or the app lacks the scope.</summary>
public sealed class PayPalTokenRefusedException(string reason) : Exception(reason);

/// <summary>The fields of a verify-webhook-signature request other than the event itself.</summary>
public sealed record PayPalSignatureCheck(string AuthAlgo, string CertUrl, string TransmissionId, string TransmissionSig, string TransmissionTime, string WebhookId);

public sealed class PayPalApiClient(HttpClient http, IOptions<PayPalOptions> options, TimeProvider time)
{
    private const string Platform = "PayPal";
    private readonly Uri _base = options.Value.ApiBaseUrl;

    public async Task<PayPalAccessToken> RequestTokenAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/oauth2/token"))
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var document = await SendAsync(request, "token", bearer: false, cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value
            && root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out var seconds) && seconds > 0)
            return new PayPalAccessToken(value, TimeSpan.FromSeconds(seconds));
        throw PlatformException.Transient($"{Platform} answered the token request without access_token and expires_in");
    }

    /// <param name="rawEvent">The webhook body exactly as received: sent as webhook_event without being re-serialized.</param>
    /// <returns>PayPal's verification_status, e.g. SUCCESS or FAILURE.</returns>
    public async Task<string> VerifyWebhookSignatureAsync(string accessToken, PayPalSignatureCheck check, ReadOnlyMemory<byte> rawEvent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/notifications/verify-webhook-signature"))
        {
            Content = new ByteArrayContent(VerifyBody(check, rawEvent)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var document = await SendAsync(request, "verify-webhook-signature", bearer: true, cancellationToken);
        return document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("verification_status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString()!
            : throw PlatformException.Transient($"{Platform} answered verify-webhook-signature without verification_status");
    }

    /// <exception cref="JsonException">The event is not JSON.</exception>
    internal static byte[] VerifyBody(PayPalSignatureCheck check, ReadOnlyMemory<byte> rawEvent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("auth_algo", check.AuthAlgo);
            json.WriteString("cert_url", check.CertUrl);
            json.WriteString("transmission_id", check.TransmissionId);
            json.WriteString("transmission_sig", check.TransmissionSig);
            json.WriteString("transmission_time", check.TransmissionTime);
            json.WriteString("webhook_id", check.WebhookId);
            json.WritePropertyName("webhook_event");
            try
            {
                json.WriteRawValue(rawEvent.Span); // validated as one JSON value, written byte for byte
            }
            catch (ArgumentException e)
            {
                throw new JsonException("the event is empty", e);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, string what, bool bearer, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        response = await PlatformHttp.SendAsync(http, request, $"{Platform} ({what})", cancellationToken);

        using (response)
        {
            if (bearer && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new PayPalTokenRefusedException($"{Platform} refused the access token for {what} ({(int)response.StatusCode})");
            if (!response.IsSuccessStatusCode) throw HttpFailure.Classify($"{Platform} {what}", response, time.GetUtcNow());
            try
            {
                return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            }
            catch (JsonException e)
            {
                throw PlatformException.Transient($"{Platform} answered {what} with a body that is not JSON", inner: e);
            }
        }
    }
}
