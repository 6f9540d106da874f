using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrderSync.Core.Telemetry;

namespace OrderSync.Tests.Support;

/// <summary>
/// Records OrderSync's measurements and finished spans in process, as an exporter would see them. Only what the creating
/// test's own async flow emits is kept, so work elsewhere in the process cannot make a test pass.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private static readonly AsyncLocal<TelemetryRecorder?> Current = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly List<Measurement> _measurements = [];
    private readonly List<Activity> _activities = [];

    public TelemetryRecorder()
    {
        Current.Value = this;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrderSyncTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        _meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Keep(i, value, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrderSyncTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (Current.Value == this) lock (_activities) _activities.Add(activity); },
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public sealed record Measurement(string Name, double Value, IReadOnlyDictionary<string, string?> Tags);

    /// <summary>The measurements of one instrument.</summary>
    public IReadOnlyList<Measurement> Of(string name)
    {
        lock (_measurements) return [.. _measurements.Where(m => m.Name == name)];
    }

    /// <summary>Takes a reading of every observable instrument (gauges), as an exporter does at each collection.</summary>
    public void Collect() => _meters.RecordObservableInstruments();

    public IReadOnlyList<Activity> Spans(string name)
    {
        lock (_activities) return [.. _activities.Where(a => a.OperationName == name)];
    }

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
        Current.Value = null;
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Current.Value != this) return;
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        lock (_measurements) _measurements.Add(new Measurement(instrument.Name, value, copy));
    }
}
