using System.Diagnostics;

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
