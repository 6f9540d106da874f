namespace OrderSync.Tests.Integration.Orchestration.Scenarios;

/// <summary>
/// Carries the executor's platform calls, and when armed throws on the next one an exception no platform client classifies
/// (as a bug or a broken dependency would), so the command itself fails rather than answering a failure.
/// </summary>
public sealed class UnclassifiedFailure() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _armed;

    public void ArmOnce() => Interlocked.Exchange(ref _armed, 1);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _armed, 0) == 1
            ? throw new InvalidOperationException($"injected: the call to {request.RequestUri} broke before it was sent")
            : base.SendAsync(request, cancellationToken);
}
