using OrderSync.Tests.Support;

namespace OrderSync.Tests.Core;

/// <summary>
/// The domain folders of OrderSync.Core (orders, lifecycle, policy) do no I/O and read no clock, so the decider is
/// deterministic and replay-safe. Checked on the source text: none of their files may mention an I/O, clock,
/// randomness or asynchrony API.
/// </summary>
[TestClass]
public sealed class PurityTests
{
    private static readonly string[] Forbidden =
    [
        "HttpClient", "using Azure", "System.IO", "File.",
        "DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "TimeProvider",
        "Guid.NewGuid", "Random", "Environment.", "Task<", "async ",
    ];

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var path = Path.Combine(RepositoryFiles.Root, "OrderSync.Core", folder);
        Assert.IsTrue(Directory.Exists(path), $"{path} does not exist");
        var separator = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}bin{separator}") && !f.Contains($"{separator}obj{separator}"))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Every forbidden mention in the text, as "file:line: 'token' in: code".</summary>
    internal static IEnumerable<string> Offences(string file, IEnumerable<string> lines) =>
        lines.SelectMany((line, index) => Forbidden
            .Where(token => line.Contains(token, StringComparison.Ordinal))
            .Select(token => $"{file}:{index + 1}: '{token}' in: {line.Trim()}"));

    [TestMethod]
    [DataRow("Orders")]
    [DataRow("Lifecycle")]
    [DataRow("Policy")]
    public void Domain_folder_does_no_io_and_reads_no_clock(string folder)
    {
        var files = SourceFiles(folder).ToList();
        Assert.IsNotEmpty(files, $"no source file found in OrderSync.Core/{folder}");

        var offences = files
            .SelectMany(f => Offences(Path.GetRelativePath(RepositoryFiles.Root, f), File.ReadLines(f)))
            .ToList();

        Assert.IsEmpty(offences, "impure code in a pure folder:" + Environment.NewLine + string.Join(Environment.NewLine, offences));
    }

    [TestMethod]
    public void Scanner_reports_the_file_line_and_token_of_an_offence()
    {
        string[] source =
        [
            "namespace OrderSync.Core.Lifecycle;",
            "public static class Clock",
            "{",
            "    public static DateTimeOffset Now() => DateTimeOffset.UtcNow;",
            "    public static async Task<string> ReadAsync() => await System.IO.File.ReadAllTextAsync(\"x\");",
            "}",
        ];

        var offences = Offences("Lifecycle/Clock.cs", source).ToList();

        CollectionAssert.AreEquivalent(
            new[]
            {
                "Lifecycle/Clock.cs:4: 'DateTimeOffset.UtcNow' in: public static DateTimeOffset Now() => DateTimeOffset.UtcNow;",
                "Lifecycle/Clock.cs:5: 'System.IO' in: public static async Task<string> ReadAsync() => await System.IO.File.ReadAllTextAsync(\"x\");",
                "Lifecycle/Clock.cs:5: 'File.' in: public static async Task<string> ReadAsync() => await System.IO.File.ReadAllTextAsync(\"x\");",
                "Lifecycle/Clock.cs:5: 'Task<' in: public static async Task<string> ReadAsync() => await System.IO.File.ReadAllTextAsync(\"x\");",
                "Lifecycle/Clock.cs:5: 'async ' in: public static async Task<string> ReadAsync() => await System.IO.File.ReadAllTextAsync(\"x\");",
            },
            offences);
    }

    [TestMethod]
    public void Repository_root_is_the_folder_holding_the_solution()
    {
        Assert.IsTrue(File.Exists(Path.Combine(RepositoryFiles.Root, "OrderSync.sln")));
        Assert.IsTrue(Directory.Exists(Path.Combine(RepositoryFiles.Root, "OrderSync.Core", "Lifecycle")));
    }
}
