using OrderSync.Core.Platforms.Resilience;

namespace OrderSync.Core.Platforms;

/// <summary>Sends a platform request; what stops it from reaching an answer becomes a transient failure naming the platform.</summary>
public static class PlatformHttp
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string subject, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw PlatformException.Transient($"{subject} could not be reached: {e.Message}", inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw PlatformException.Transient($"{subject} did not answer in time", inner: e);
        }
        catch (Exception e) when (OrderSyncResilience.Classify(subject, e) is { } failure)
        {
            throw failure; // an open circuit or an attempt timeout of the resilience pipeline
        }
    }
}
