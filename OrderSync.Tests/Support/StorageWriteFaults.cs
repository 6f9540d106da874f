using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderSync.Tests.Support;

/// <summary>
/// Plays a storage fault on a chosen table write, added to a client's pipeline per retry: sends the write on, then throws as a
/// connection lost before the answer does; or throws before sending it, for a number of tries. The SDK retries both.
/// </summary>
public sealed class StorageWriteFaults : HttpPipelinePolicy
{
    private readonly Func<Request, bool> _isWrite;
    private readonly Lock _gate = new();
    private int _writesToPass;
    private int _triesToFail;
    private bool _loseAnswer;
    private bool _lost;
    private int _seen;

    private StorageWriteFaults(Func<Request, bool> isWrite) => _isWrite = isWrite;

    /// <summary>Counts table batches as the writes (the order store writes a record and its timeline in one batch).</summary>
    public static StorageWriteFaults OnBatches() =>
        new(request => request.Method == RequestMethod.Post && request.Uri.ToUri().AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal));

    /// <summary>Counts entity inserts as the writes (not the creation of a table).</summary>
    public static StorageWriteFaults OnInserts() =>
        new(request => request.Method == RequestMethod.Post && !request.Uri.ToUri().AbsolutePath.EndsWith("/Tables", StringComparison.Ordinal));

    /// <summary>Whether the chosen write's answer has been lost.</summary>
    public bool Lost { get { lock (_gate) return _lost; } }

    /// <summary>Every try of a write seen so far, retries included.</summary>
    public int Seen { get { lock (_gate) return _seen; } }

    /// <summary>Loses the answer to the <paramref name="nth"/> write from now.</summary>
    public void LoseWrite(int nth)
    {
        lock (_gate) (_writesToPass, _triesToFail, _loseAnswer, _lost) = (nth - 1, 0, true, false);
    }

    /// <summary>Fails the <paramref name="nth"/> write from now, and its retries, <paramref name="tries"/> tries in all, none of them sent.</summary>
    public void FailWrite(int nth, int tries)
    {
        lock (_gate) (_writesToPass, _triesToFail, _loseAnswer, _lost) = (nth - 1, tries, false, false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (refuse, lose) = (false, false);
        if (_isWrite(message.Request))
            lock (_gate)
            {
                _seen++;
                if (_writesToPass > 0) _writesToPass--;
                else if (_triesToFail > 0) (_triesToFail, refuse) = (_triesToFail - 1, true);
                else if (_loseAnswer) (_loseAnswer, _lost, lose) = (false, true, true);
            }
        if (refuse) throw new IOException("storage did not answer (test)");
        await ProcessNextAsync(message, pipeline);
        if (lose) throw new IOException("the answer was lost (test)");
    }
}
