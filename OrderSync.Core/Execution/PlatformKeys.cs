using System.Security.Cryptography;
using System.Text;

namespace OrderSync.Core.Execution;

/// <summary>Fits an idempotency key into a platform's length limit, deterministically: a retry sends the same key.</summary>
public static class PlatformKeys
{
    public static string Fit(string key, int maxLength) => key.Length <= maxLength ? key
        : "ordersync-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..Math.Min(64, maxLength - 10)];
}
