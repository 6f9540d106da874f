namespace OrderSync.Sandbox;

/// <summary>The repository's node_modules (installed by `npm ci`): Azurite and the platform schemas come from there.</summary>
internal static class NodeModules
{
    /// <summary>The repository this runs from: the first folder upwards whose node_modules holds <paramref name="package"/>.</summary>
    /// <exception cref="InvalidOperationException">Not installed: the message says to run `npm ci`, and where.</exception>
    public static string RepositoryWith(string package, string what)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Path.Exists(Path.Combine(dir.FullName, "node_modules", package))) return dir.FullName;
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
                throw new InvalidOperationException($"{what} is not installed: run `npm ci` in {dir.FullName}.");
        }
        throw new InvalidOperationException($"{what} was not found: run `npm ci` in the repository root.");
    }
}
