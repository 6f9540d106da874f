namespace OrderSync.Tests.Support;

/// <summary>Waits for an asynchronous outcome with a generous deadline: the deadline bounds a failing test, never a passing one.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new AssertFailedException($"timed out waiting for {what}; last seen: {value}");
            await Task.Delay(100);
        }
    }
}
