using System.Diagnostics;

namespace OrderSync.Benchmarks;

/// <summary>
/// Runs operations closed loop, for saturation: <c>concurrency</c> callers each start the next operation as soon as their
/// last one is answered, until the time is up or the operations run out; a latency is counted from the operation's start.
/// </summary>
public static class ClosedLoop
{
    public static async Task<IReadOnlyList<Ack>> RunAsync(int concurrency, TimeSpan duration, int maxOperations, Func<int, long, Task<Ack>> operation)
    {
        var next = -1;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        async Task<List<Ack>> CallerAsync()
        {
            var acks = new List<Ack>();
            for (var i = Interlocked.Increment(ref next); i < maxOperations && Stopwatch.GetTimestamp() < end; i = Interlocked.Increment(ref next))
                acks.Add(await operation(i, Stopwatch.GetTimestamp()));
            return acks;
        }
        var callers = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(CallerAsync)));
        return [.. callers.SelectMany(a => a).OrderBy(a => a.Index)];
    }
}
