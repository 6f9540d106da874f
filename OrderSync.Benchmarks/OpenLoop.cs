using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>
/// Runs operations open loop: operation i is due at start + i / rate whether or not earlier ones have finished, and its
/// latency is counted from when it was due, so a slow answer does not slow the load down or hide in the figures.
/// </summary>
public static class OpenLoop
{
    public static async Task<IReadOnlyList<Ack>> RunAsync(int count, double rate, long start, Func<int, long, Task<Ack>> operation)
    {
        var answers = new Task<Ack>[count];
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait >= TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            answers[i] = operation(i, due);
        }
        return await Task.WhenAll(answers);
    }
}
