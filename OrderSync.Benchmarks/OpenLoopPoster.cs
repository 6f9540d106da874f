using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>One webhook's answer: when it was due to be sent and when it was answered (<see cref="Stopwatch"/> timestamps).</summary>
public sealed record Ack(int Index, long DueAt, long AnsweredAt, int? StatusCode, string? Failure)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public double LatencyMs => Stopwatch.GetElapsedTime(DueAt, AnsweredAt).TotalMilliseconds;
}

/// <summary>
/// Sends requests open loop: request i is due at start + i / rate whether or not earlier ones were answered, and its
/// latency is counted from when it was due, so a slow answer does not slow the load down or hide in the figures.
/// </summary>
public static class OpenLoopPoster
{
    public static async Task<IReadOnlyList<Ack>> PostAsync(HttpClient http, IReadOnlyList<HttpRequestMessage> requests, double rate, long start)
    {
        var answers = new Task<Ack>[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait >= TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            answers[i] = SendAsync(http, requests[i], i, due);
        }
        return await Task.WhenAll(answers);
    }

    private static async Task<Ack> SendAsync(HttpClient http, HttpRequestMessage request, int index, long due)
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
