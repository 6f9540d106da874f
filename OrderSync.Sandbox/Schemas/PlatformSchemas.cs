using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrderSync.Sandbox.Schemas;

/// <summary>
/// The platforms' published schemas, checked by schema-check.mjs in a Node process of its own: Shopify's Admin GraphQL schema
/// per API version (from @shopify/dev-mcp, with graphql-js) and PayPal's OpenAPI specifications (./paypal, with Ajv).
/// One process serves every simulator of this process (<see cref="SharedAsync"/>); it ends when this process does.
/// </summary>
public sealed class PlatformSchemas
{
    private static readonly Lazy<Task<PlatformSchemas>> Shared = new(StartAsync);

    private readonly HttpClient _http;

    private PlatformSchemas(HttpClient http) => _http = http;

    /// <summary>The checker of this process, started on first use.</summary>
    public static Task<PlatformSchemas> SharedAsync() => Shared.Value;

    /// <summary>The Admin API versions whose schema is published, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ShopifyVersionsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await PostAsync("shopify/versions", new JsonObject(), cancellationToken);
        return [.. answer["versions"]!.AsArray().Select(v => v!.GetValue<string>())];
    }

    /// <summary>What is wrong with a GraphQL request under <paramref name="version"/>'s schema: each a GraphQL error {message, locations?, path?}.</summary>
    public Task<IReadOnlyList<JsonObject>> ShopifyRequestProblemsAsync(string version, string query, JsonObject variables, CancellationToken cancellationToken = default) =>
        ProblemsAsync("shopify/request", new JsonObject { ["version"] = version, ["query"] = query, ["variables"] = variables.DeepClone() }, cancellationToken);

    /// <summary>What is wrong with a GraphQL document under <paramref name="version"/>'s schema, whatever variables come with it.</summary>
    public Task<IReadOnlyList<JsonObject>> ShopifyDocumentProblemsAsync(string version, string query, CancellationToken cancellationToken = default) =>
        ProblemsAsync("shopify/request", new JsonObject { ["version"] = version, ["query"] = query, ["variables"] = null }, cancellationToken);

    /// <summary>
    /// <paramref name="data"/> as the result of the request, shaped by executing it against the schema (exactly the fields asked
    /// for, as a GraphQL server answers), and what is wrong with it: a field the data lacks, a null the schema forbids, a value
    /// outside an enum.
    /// </summary>
    public async Task<(IReadOnlyList<JsonObject> Problems, JsonNode? Data)> ShopifyAnswerAsync(string version, string query, JsonObject variables,
        JsonNode? data, CancellationToken cancellationToken = default)
    {
        var answer = await PostAsync("shopify/answer", new JsonObject
        {
            ["version"] = version, ["query"] = query, ["variables"] = variables.DeepClone(), ["data"] = data?.DeepClone(),
        }, cancellationToken);
        return (Problems(answer), answer["data"]?.DeepClone());
    }

    /// <summary>What is wrong with a request body sent to PayPal's <paramref name="method"/> <paramref name="path"/>.</summary>
    public Task<IReadOnlyList<JsonObject>> PayPalRequestProblemsAsync(string method, string path, JsonNode? body, CancellationToken cancellationToken = default) =>
        ProblemsAsync("paypal/request", new JsonObject { ["method"] = method, ["path"] = path, ["body"] = body?.DeepClone() }, cancellationToken);

    /// <summary>What is wrong with PayPal's answer <paramref name="status"/> <paramref name="body"/> to <paramref name="method"/> <paramref name="path"/>.</summary>
    public Task<IReadOnlyList<JsonObject>> PayPalAnswerProblemsAsync(string method, string path, int status, JsonNode? body, CancellationToken cancellationToken = default) =>
        ProblemsAsync("paypal/answer", new JsonObject { ["method"] = method, ["path"] = path, ["status"] = status, ["body"] = body?.DeepClone() }, cancellationToken);

    private async Task<IReadOnlyList<JsonObject>> ProblemsAsync(string route, JsonObject request, CancellationToken cancellationToken) =>
        Problems(await PostAsync(route, request, cancellationToken));

    private static IReadOnlyList<JsonObject> Problems(JsonObject answer) => [.. answer["problems"]!.AsArray().Select(p => (JsonObject)p!.DeepClone())];

    private async Task<JsonObject> PostAsync(string route, JsonObject request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(route, request, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return response.IsSuccessStatusCode && answer is not null
            ? answer
            : throw new InvalidOperationException($"The schema checker failed on {route}: {answer?["error"]}");
    }

    private static async Task<PlatformSchemas> StartAsync()
    {
        var script = Path.Combine(NodeModules.RepositoryWith(Path.Combine("@shopify", "dev-mcp"), "The platform schemas"), "OrderSync.Sandbox", "Schemas", "schema-check.mjs");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node for the schema checker");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);

        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (ready?.StartsWith("listening ", StringComparison.Ordinal) != true)
        {
            Stop(process);
            throw new InvalidOperationException($"The schema checker did not start: {ready} {string.Join(Environment.NewLine, errors)}");
        }
        var port = int.Parse(ready["listening ".Length..]);
        return new PlatformSchemas(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) });
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
