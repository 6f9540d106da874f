using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Storage;

/// <summary>Turns outside ids into table keys: kept as they are when a key can hold them, replaced by their hash otherwise.</summary>
internal static class TableKeys
{
    public static string Safe(string value) =>
        value.Length is > 0 and <= 200 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '|')
            ? value
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
