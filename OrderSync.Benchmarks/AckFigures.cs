namespace OrderSync.Benchmarks;

/// <summary>One load's answers: how many were sent, over how long, how many succeeded per second, their latency, the failures.</summary>
public sealed record LoadFigures(int Sent, double Seconds, double SucceededPerSecond, LatencyFigures Latency, int Errors)
{
    public static LoadFigures Of(IReadOnlyList<Ack> acks)
    {
        if (acks.Count == 0) return new LoadFigures(0, 0, 0, LatencyFigures.Of([]), 0);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(acks.Min(a => a.DueAt), acks.Max(a => a.AnsweredAt)).TotalSeconds;
        var succeeded = acks.Count(a => a.Succeeded);
        return new LoadFigures(acks.Count, seconds, seconds > 0 ? succeeded / seconds : 0,
            LatencyFigures.Of(acks.Where(a => a.StatusCode is not null).Select(a => a.LatencyMs)), acks.Count - succeeded);
    }
}

/// <summary>
/// One step of the ack benchmark: the same load on OrderSync's webhook route and on the bare storage work beside it.
/// </summary>
/// <param name="Load">"open 100/s" (open loop at that rate) or "closed 16" (saturation with that many callers).</param>
public sealed record AckStepFigures(string Load, LoadFigures OrderSync, LoadFigures Ceiling)
{
    /// <summary>OrderSync's throughput as a share of the ceiling's under the same load.</summary>
    public double Ratio => Ceiling.SucceededPerSecond > 0 ? OrderSync.SucceededPerSecond / Ceiling.SucceededPerSecond : 0;
}

/// <summary>
/// The ack path's figures and its targets: throughput at saturation at least 70% of the ceiling's, and p99 at most 25 ms
/// at half the ceiling's saturated rate.
/// </summary>
public sealed record AckFigures(IReadOnlyList<AckStepFigures> Steps, AckStepFigures Saturation, AckStepFigures HalfCeiling)
{
    public const double RatioTarget = 0.70;
    public const double HalfCeilingP99TargetMs = 25;

    public bool RatioMet => Saturation.Ratio >= RatioTarget;

    public bool HalfCeilingP99Met => HalfCeiling.OrderSync.Latency.P99Ms <= HalfCeilingP99TargetMs && HalfCeiling.OrderSync.Errors == 0;
}
