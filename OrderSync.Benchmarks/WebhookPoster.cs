using System.Diagnostics;
using OrderSync.Sandbox.Shopify;

namespace OrderSync.Benchmarks;

/// <summary>One webhook's answer: when it was due to be sent and when it was answered (<see cref="Stopwatch"/> timestamps).</summary>
public sealed record Ack(int Index, long DueAt, long AnsweredAt, int? StatusCode, string? Failure)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public double LatencyMs => Stopwatch.GetElapsedTime(DueAt, AnsweredAt).TotalMilliseconds;
}

/// <summary>Sends webhooks to the host, open loop (<see cref="OpenLoop"/>) or one at a time as <see cref="ClosedLoop"/> asks.</summary>
public static class WebhookPoster
{
    public static Task<IReadOnlyList<Ack>> PostAsync(HttpClient http, IReadOnlyList<HttpRequestMessage> requests, double rate, long start) =>
        OpenLoop.RunAsync(requests.Count, rate, start, (i, due) => SendAsync(http, requests[i], i, due));

    /// <summary>
    /// Sends the webhook until it is answered 2xx, as its platform redelivers (here a second apart, each time the same
    /// delivery: its webhook id is kept), or until <paramref name="giveUp"/> has passed since it was due; each try is told
    /// to <paramref name="tried"/> with when it was sent.
    /// </summary>
    public static async Task<Ack> SendUntilAcceptedAsync(HttpClient http, Uri host, ShopifyWebhookBuilder webhook, int index, long due, TimeSpan giveUp,
        Action<long, Ack>? tried = null)
    {
        while (true)
        {
            var sentAt = Stopwatch.GetTimestamp();
            var ack = await SendAsync(http, webhook.ToRequest(host), index, due);
            tried?.Invoke(sentAt, ack);
            if (ack.Succeeded || Stopwatch.GetElapsedTime(due) > giveUp) return ack;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public static async Task<Ack> SendAsync(HttpClient http, HttpRequestMessage request, int index, long due)
    {
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return new Ack(index, due, Stopwatch.GetTimestamp(), (int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Ack(index, due, Stopwatch.GetTimestamp(), null, e.Message);
        }
        finally
        {
            request.Dispose();
        }
    }
}
