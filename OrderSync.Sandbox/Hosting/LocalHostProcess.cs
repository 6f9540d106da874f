using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrderSync.Sandbox.Hosting;

/// <summary>OrderSync.Local started as a real process (as a user runs it), configured through environment variables.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private LocalHostProcess(Process process, ConcurrentQueue<string> output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The host's process id (e.g. to read its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(LocalAssembly())!,
        };
        start.ArgumentList.Add(LocalAssembly());
        start.Environment["Urls"] = url.ToString().TrimEnd('/');
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LocalHostProcess(process, output, url);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"OrderSync.Local exited with {process.ExitCode}:\n{host.Output}");
            try
            {
                if ((await http.GetAsync(new Uri(url, "api/health"))).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"OrderSync.Local did not become healthy:\n{host.Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Asks the process to stop as a service manager does (SIGTERM) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan within)
    {
        if (!_process.HasExited && !Signals.Terminate(_process.Id))
            throw new InvalidOperationException($"SIGTERM could not be sent (errno {Marshal.GetLastPInvokeError()})");
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once, as a crash would: no graceful shutdown, no cleanup.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>
    /// OrderSync.Local's build output beside the running project's (same configuration, e.g. the tests' or the benchmark's),
    /// built through that project's reference to it.
    /// </summary>
    private static string LocalAssembly()
    {
        var callerBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = callerBin.Name;
        var configuration = callerBin.Parent!.Name;
        var root = callerBin.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "OrderSync.Local", "bin", configuration, framework, "OrderSync.Local.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("OrderSync.Local is not built", path);
    }
}
