namespace OrderSync.Local.Worker;

/// <summary>Runs a piece of work every interval until the host stops. A failed run is reported, never fatal: the next one comes on time.</summary>
internal static class PeriodicWork
{
    /// <param name="firstAtStart">Run once at once; otherwise the first run comes one interval after start, as a timer trigger's would.</param>
    public static async Task RunAsync(
        TimeSpan interval, bool firstAtStart, TimeProvider time, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            if (!firstAtStart && !await timer.WaitForNextTickAsync(stoppingToken)) return;
            do
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }
}
