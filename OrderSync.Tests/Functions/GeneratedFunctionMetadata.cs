using System.Text.Json.Nodes;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Functions;

/// <summary>
/// The functions.metadata that the Functions SDK's metadata generator wrote for OrderSync.Functions (built before the tests,
/// see OrderSync.Tests.csproj), beside the assembly of the same configuration as the tests.
/// </summary>
public static class GeneratedFunctionMetadata
{
    private static readonly Lazy<JsonArray> Lazy = new(() =>
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = RepositoryFiles.PathOf("OrderSync.Functions", "bin", testBin.Parent!.Name, testBin.Name, "functions.metadata");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            : throw new FileNotFoundException("OrderSync.Functions was not built with its metadata (see scripts/build-functions.sh)", path);
    });

    public static IReadOnlyList<JsonObject> All => [.. Lazy.Value.Select(f => f!.AsObject())];

    public static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    public static IEnumerable<string> BindingTypes(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => (string)b!["type"]!);

    /// <summary>The app setting names a binding reads: %Name% placeholders in its values, and its connection.</summary>
    public static IEnumerable<string> SettingsOf(JsonObject binding)
    {
        foreach (var (key, value) in binding)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text)) continue;
            if (key == "connection") yield return text;
            else if (text.Length > 2 && text[0] == '%' && text[^1] == '%') yield return text[1..^1];
        }
    }
}
