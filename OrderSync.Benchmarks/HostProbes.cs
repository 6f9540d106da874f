using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrderSync.Benchmarks;

/// <summary>What the benchmark reads from the running host besides its answers.</summary>
public static class HostProbes
{
    /// <summary>
    /// The runtime the host reports as "runtime" in its GET /api/health answer (OrderSync:Runtime as it took it), or null
    /// when it reports none (an older host).
    /// </summary>
    public static async Task<string?> ReportedRuntimeAsync(HttpClient http, Uri host)
    {
        try
        {
            var health = await http.GetFromJsonAsync<JsonNode>(new Uri(host, "api/health"));
            return health?["runtime"] is JsonValue value && value.TryGetValue(out string? runtime) && runtime.Length > 0 ? runtime : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The process's peak resident set size in MB (VmHWM of /proc/&lt;pid&gt;/status), or null where it cannot be read.</summary>
    public static double? PeakRssMb(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null) return null;
            var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kilobytes / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
