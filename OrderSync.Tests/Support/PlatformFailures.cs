using OrderSync.Core.Platforms;

namespace OrderSync.Tests.Support;

public static class PlatformFailures
{
    /// <summary>The classified failure a platform call must end in (the test fails if it succeeds or throws anything else).</summary>
    public static Task<PlatformException> FailureOf(Func<Task> call) => Assert.ThrowsExactlyAsync<PlatformException>(call);
}
