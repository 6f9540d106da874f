using System.Diagnostics;
using Azure;
using OrderSync.Core.Messaging;

namespace OrderSync.Core.Storage;

/// <summary>
/// Whether the storage OrderSync depends on answers: the orders table and the signal queue, one cheap call each, run
/// together, each given <see cref="Timeout"/>. Both shells answer their health route with it.
/// </summary>
public sealed class StorageHealth(OrderStore orders, StorageQueueSignalQueue queue)
{
    public const string Tables = "tables";
    public const string Queue = "queue";

    /// <summary>Longer than a healthy Azurite or Azure Storage ever takes; short enough for a load balancer's probe.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            CheckAsync(Tables, async ct => { await orders.ProbeAsync(ct); return null; }, cancellationToken),
            CheckAsync(Queue, async ct => $"about {await queue.ProbeAsync(ct)} signals waiting", cancellationToken));
        return new StorageHealthReport(checks);
    }

    private static async Task<StorageCheck> CheckAsync(string name, Func<CancellationToken, Task<string?>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var detail = await probe(timeout.Token);
            return new StorageCheck(name, true, Elapsed(started), detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StorageCheck(name, false, Elapsed(started), $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new StorageCheck(name, false, Elapsed(started), Describe(e));
        }
    }

    /// <summary>The storage service's status and error code, or the innermost network error ("Connection refused"); never a key.</summary>
    private static string Describe(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } failed => $"{failed.Status} {failed.ErrorCode}".TrimEnd(),
        _ => Innermost(e).Message,
    };

    private static Exception Innermost(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } all ? Innermost(all.InnerExceptions[0]) : e.InnerException is { } inner ? Innermost(inner) : e;

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>The health answer: "healthy" (HTTP 200) when every check answered, else "unhealthy" (503) naming what did not.</summary>
public sealed record StorageHealthReport(IReadOnlyList<StorageCheck> Checks)
{
    public string Status => Checks.All(c => c.Reachable) ? "healthy" : "unhealthy";

    /// <summary>The names of the checks that failed; absent when none did.</summary>
    public IReadOnlyList<string>? Unreachable => Checks.Any(c => !c.Reachable) ? [.. Checks.Where(c => !c.Reachable).Select(c => c.Name)] : null;

    /// <summary>What runs the orders in the host that answers (the local shell's OrderSync:Runtime); absent when it does not say.</summary>
    public string? Runtime { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int StatusCode => Unreachable is null ? 200 : 503;
}

/// <param name="Detail">What the check saw (e.g. the queue's length), or why it failed.</param>
public sealed record StorageCheck(string Name, bool Reachable, long DurationMs, string? Detail);
