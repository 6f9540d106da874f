using System.Diagnostics;

namespace OrderSync.Sandbox.Azurite;

/// <summary>
/// An Azurite (Azure Storage emulator) for local runs and tests: the one already listening on the default ports, or
/// one started here from the repository's node_modules, in memory, on free loopback ports, and stopped on dispose; or,
/// for a run that stops storage and starts it again, one that keeps its data in a folder (<see cref="StartOnDiskAsync"/>).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's documented, public development account (not a secret): learn.microsoft.com/azure/storage/common/storage-use-azurite
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly (int Blob, int Queue, int Table) DefaultPorts = (10000, 10001, 10002);

    private readonly Process? _process;

    private AzuriteProcess(Process? process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Ports = (blobPort, queuePort, tablePort);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
    }

    public string ConnectionString { get; }

    public (int Blob, int Queue, int Table) Ports { get; }

    /// <summary>True when this instance started Azurite (and so stops it); false when it uses one already running.</summary>
    public bool Owned => _process is not null;

    public static async Task<AzuriteProcess> StartAsync(bool reuseRunning, CancellationToken cancellationToken = default)
    {
        if (reuseRunning && await RunningOnDefaultPortsAsync(cancellationToken))
            return new AzuriteProcess(null, DefaultPorts.Blob, DefaultPorts.Queue, DefaultPorts.Table);

        return await LaunchAsync(["--inMemoryPersistence"], (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free()), cancellationToken);
    }

    /// <summary>An Azurite that keeps its data in <paramref name="location"/>: started again there on the same ports, it has all it had.</summary>
    public static Task<AzuriteProcess> StartOnDiskAsync(string location, (int Blob, int Queue, int Table)? ports = null, CancellationToken cancellationToken = default) =>
        LaunchAsync(["--location", location], ports ?? (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free()), cancellationToken);

    private static async Task<AzuriteProcess> LaunchAsync(string[] persistence, (int Blob, int Queue, int Table) ports, CancellationToken cancellationToken)
    {
        var executable = Executable();
        var (blob, queue, table) = ports;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in persistence.Concat(
                 [
                     "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
                 ]))
            start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, blob, queue, table);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await LoopbackPorts.IsListeningAsync(blob, cancellationToken)
                 && await LoopbackPorts.IsListeningAsync(queue, cancellationToken)
                 && await LoopbackPorts.IsListeningAsync(table, cancellationToken)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException(
                    $"Azurite did not start ({(process.HasExited ? $"exit code {process.ExitCode}" : "timed out")}): {string.Join(Environment.NewLine, output)}");
            }
            await Task.Delay(100, cancellationToken);
        }
        return azurite;
    }

    private static async Task<bool> RunningOnDefaultPortsAsync(CancellationToken cancellationToken) =>
        await LoopbackPorts.IsListeningAsync(DefaultPorts.Queue, cancellationToken)
        && await LoopbackPorts.IsListeningAsync(DefaultPorts.Table, cancellationToken);

    /// <summary>node_modules/.bin/azurite of the repository this runs from (installed by `npm ci`).</summary>
    private static string Executable() =>
        Path.Combine(NodeModules.RepositoryWith(Path.Combine(".bin", "azurite"), "Azurite"), "node_modules", ".bin", "azurite");

    /// <summary>
    /// Stops Azurite as a server is stopped (SIGTERM), so an Azurite on disk writes its data out first (killed, it loses the
    /// writes of its last seconds, which Azure Storage never does); killed if it has not exited within 10 s.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        if (Signals.Terminate(_process.Id))
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { }
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
