namespace OrderSync.Local.Worker;

/// <summary>Runs a piece of work every interval until the host stops. A failed run is reported, never fatal: the next one comes on time.</summary>
internal static class PeriodicWork
{
    /// <param name="firstAfter">When the first run comes after start (zero: at once); the next ones come every <paramref name="interval"/> after it.</param>
    public static async Task RunAsync(
        TimeSpan firstAfter, TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            if (firstAfter > TimeSpan.Zero) await Task.Delay(firstAfter, time, stoppingToken);
            using var timer = new PeriodicTimer(interval, time);
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
