using System.Net;
using System.Net.Http.Headers;

namespace OrderSync.Core.Platforms;

/// <summary>Classifies an HTTP answer that is not a success, the same way for every platform.</summary>
public static class HttpFailure
{
    public static PlatformException Classify(string platform, HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var what = $"{platform} answered {status} {response.ReasonPhrase}";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => PlatformException.Transient($"{what} (rate limited)", RetryAfter(response.Headers.RetryAfter, now)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.Locked => PlatformException.Transient(what, RetryAfter(response.Headers.RetryAfter, now)),
            _ when status >= 500 => PlatformException.Transient(what, RetryAfter(response.Headers.RetryAfter, now)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PlatformException.Permanent($"{what}: check the access token and its scopes"),
            _ => PlatformException.Permanent(what),
        };
    }

    /// <summary>Retry-After as a delay, whether sent as seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay > TimeSpan.Zero ? delay : null;
    }
}
