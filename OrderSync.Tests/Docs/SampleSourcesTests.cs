using OrderSync.Tests.Support;

namespace OrderSync.Tests.Docs;

/// <summary>
/// Every file under samples/ is named in its folder's README.md, where its source is recorded: a sample added without
/// saying where it came from fails here. Dotfiles (.gitattributes) are settings, not samples.
/// </summary>
[TestClass]
public sealed class SampleSourcesTests
{
    [TestMethod]
    public void Every_sample_is_named_in_its_folders_README()
    {
        var folders = Directory.GetDirectories(RepositoryFiles.PathOf("samples"));
        Assert.IsTrue(folders.Length > 0, "samples/ has no folders");

        var unnamed = folders.SelectMany(UnnamedSamples).ToList();

        Assert.AreEqual(0, unnamed.Count, "not named in their folder's README.md: " + string.Join(", ", unnamed));
    }

    private static IEnumerable<string> UnnamedSamples(string folder)
    {
        var readmePath = Path.Combine(folder, "README.md");
        if (!File.Exists(readmePath)) return [$"{Path.GetFileName(folder)}/README.md (missing)"];
        var readme = File.ReadAllText(readmePath);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Where(name => name != "README.md" && !Path.GetFileName(name).StartsWith('.'))
            .Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal))
            .Select(name => $"{Path.GetFileName(folder)}/{name}");
    }
}
