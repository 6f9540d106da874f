using System.Diagnostics;

namespace OrderSync.Core.Telemetry;

/// <summary>
/// The W3C trace context (traceparent, tracestate) of the span that queued a signal, carried in the queue message so the
/// span that processes it continues the same trace.
/// </summary>
public sealed record SignalTrace(string TraceParent, string? TraceState)
{
    /// <summary>The current span's context; null when there is no span (nobody listens) or it is not in W3C format.</summary>
    public static SignalTrace? Capture() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } current ? new SignalTrace(id, current.TraceStateString) : null;

    /// <summary>The context to continue; null when the carried text is not a valid traceparent.</summary>
    public ActivityContext? Context() =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : null;
}
