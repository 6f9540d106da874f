using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderSync.Tests.Support;

namespace OrderSync.Tests.Functions;

/// <summary>
/// The app settings a deployment provides: the ones infra/ sets on the function app (the settings objects of main.bicep and
/// modules/functionapp.bicep, by key, '__' for ':'), and the ones local.settings.sample.json gives Core Tools.
/// </summary>
public static partial class DeployedSettings
{
    private static readonly string[] InfraObjects = ["orderSyncPlatformSettings", "storageIdentitySettings", "platformSettings"];

    public static HashSet<string> Infra { get; } = [.. InfraKeys()];

    public static HashSet<string> LocalSample { get; } =
        [.. JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json")))!["Values"]!.AsObject().Select(p => p.Key)];

    /// <summary>A setting, or an identity-based connection's settings (Name__fullyQualifiedNamespace, Name__accountName).</summary>
    public static bool Provides(IEnumerable<string> settings, string name)
    {
        var key = name.Replace(":", "__", StringComparison.Ordinal);
        return settings.Any(s => s.Replace(":", "__", StringComparison.Ordinal) is var k && (k == key || k.StartsWith(key + "__", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> InfraKeys()
    {
        var sources = new[] { "main.bicep", Path.Combine("modules", "functionapp.bicep") }
            .Select(f => File.ReadAllText(RepositoryFiles.PathOf("infra", f)));
        foreach (var source in sources)
            foreach (Match block in SettingsObject().Matches(source))
                if (InfraObjects.Contains(block.Groups["name"].Value))
                    foreach (Match key in ObjectKey().Matches(block.Groups["body"].Value))
                        yield return key.Groups["key"].Value;
    }

    /// <summary>A top-level var and everything up to the next top-level declaration.</summary>
    [GeneratedRegex(@"^var (?<name>\w+) =(?<body>.*?)(?=^(?:var|module|resource|param|output|type|func|@|//)|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SettingsObject();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex ObjectKey();
}
