using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderSync.Sandbox;

/// <summary>What every platform simulator does the same way: start its web host, stall a reply, read and write JSON, split a GraphQL request.</summary>
internal static partial class SimulatorHttp
{
    /// <summary>
    /// Starts a quiet web host on http://127.0.0.1:<paramref name="port"/> (0: any free port) serving the routes
    /// <paramref name="map"/> adds. <paramref name="configure"/> runs after the loopback URL is set, so it may replace it
    /// (e.g. with https).
    /// </summary>
    /// <returns>The running app and the base URL it listens on, ending in "/".</returns>
    public static async Task<(WebApplication App, Uri BaseUrl)> StartAsync(int port, Action<WebApplication> map,
        CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <summary>Holds the request for <paramref name="delay"/>.</summary>
    /// <returns>False when the caller went away during the stall.</returns>
    public static async Task<bool> StallAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The request body as a JSON object.</summary>
    /// <returns>Null when the body is empty, JSON null or not JSON.</returns>
    public static async Task<JsonObject?> ReadJsonObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static async Task WriteJsonAsync(HttpResponse response, int status, JsonObject body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(body.ToJsonString());
    }

    /// <summary>A 200 whose body is an HTML page, not JSON: what a proxy in front of a platform answers while the platform is down.</summary>
    public static async Task WriteHtmlAsync(HttpResponse response, string html)
    {
        response.StatusCode = 200;
        response.ContentType = "text/html";
        await response.WriteAsync(html);
    }

    /// <summary>A GraphQL request body {query, variables} as the root field it asks for and its variables (empty when absent).</summary>
    public static (string Field, JsonObject Variables) SplitGraphQlRequest(JsonObject request) =>
        (RootField(request["query"]?.GetValue<string>() ?? ""), request["variables"] as JsonObject ?? []);

    /// <summary>The first field inside the operation's selection set: what a GraphQL request asks for.</summary>
    public static string RootField(string query) =>
        RootFieldPattern().Match(query) is { Success: true } m ? m.Groups["field"].Value : "";

    [GeneratedRegex(@"^[^{]*\{\s*(?<field>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Singleline)]
    private static partial Regex RootFieldPattern();
}
