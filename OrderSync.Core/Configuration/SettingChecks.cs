using System.Diagnostics.CodeAnalysis;

namespace OrderSync.Core.Configuration;

/// <summary>Checks several settings share; each caller words its own message, naming its setting.</summary>
public static class SettingChecks
{
    /// <summary>An absolute https URL, or http on loopback (a local simulator).</summary>
    public static bool IsHttpsOrLoopbackHttp([NotNullWhen(true)] Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    /// <summary>A token or API key an API accepts in a header: not empty, no whitespace anywhere.</summary>
    public static bool IsUsableKey(string key) => key.Length > 0 && !key.Any(char.IsWhiteSpace);
}
