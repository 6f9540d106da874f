using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using OrderSync.Core.Messaging;
using OrderSync.Core.Storage;

namespace OrderSync.Tests.Support;

public static class TestRouting
{
    /// <summary>A signal router over the given storage's correlation and unmatched tables (created if missing).</summary>
    public static async Task<SignalRouter> RouterAsync(StorageOptions storage, ISignalQueue queue, TimeProvider? time = null) =>
        (await TablesAsync(storage, queue, time)).Router;

    /// <summary>The given storage's correlation and unmatched tables (created if missing) and a signal router over them.</summary>
    public static async Task<(CorrelationStore Correlations, UnmatchedSignals Unmatched, SignalRouter Router)> TablesAsync(
        StorageOptions storage, ISignalQueue queue, TimeProvider? time = null)
    {
        var tables = new TableServiceClient(storage.ConnectionString);
        var correlations = new CorrelationStore(tables, TestStorage.Wrap(storage));
        var unmatched = new UnmatchedSignals(tables, TestStorage.Wrap(storage), time ?? TimeProvider.System);
        await correlations.EnsureCreatedAsync(CancellationToken.None);
        await unmatched.EnsureCreatedAsync(CancellationToken.None);
        return (correlations, unmatched, new SignalRouter(correlations, unmatched, queue, NullLogger<SignalRouter>.Instance));
    }
}
