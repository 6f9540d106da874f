using Microsoft.Extensions.DependencyInjection;

namespace OrderSync.Core.Platforms;

/// <summary>The primary handler of every platform HttpClient.</summary>
public static class PlatformHttpHandler
{
    /// <summary>
    /// How long a pooled connection is reused before it is closed and the host name resolved again. The typed clients are
    /// held by singletons, so IHttpClientFactory's handler rotation (which is what normally follows DNS changes) never
    /// reaches them; the handler recycles its own connections instead. Two minutes is the factory's own rotation period.
    /// </summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Makes a <see cref="SocketsHttpHandler"/> with <see cref="PooledConnectionLifetime"/> the client's primary handler, kept for
    /// the process's life (the factory's rotation is turned off: it would only build needless handler chains, see
    /// learn.microsoft.com/dotnet/fundamentals/networking/http/httpclient-guidelines).
    /// </summary>
    /// <param name="configure">Anything else the platform needs on the handler (redirects, decompression).</param>
    public static IHttpClientBuilder UsePlatformHandler(this IHttpClientBuilder builder, Action<SocketsHttpHandler>? configure = null) =>
        builder
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime };
                configure?.Invoke(handler);
                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
